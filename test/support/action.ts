// The built bundle, run as the runner runs it (harness/run-action.ts), against servers a test starts here: a sandbox,
// a CONNECT proxy, a link that stalls or delays. Every run is held to the rule of secrets: nothing the action writes
// holds the App Secret, a token a sandbox issued, or a secret the test names, even in part (leaks.ts).
import { type ConnectProxy, type ConnectProxyOptions, startConnectProxy } from '../../harness/connect-proxy.js'
import { type Link, type LinkOptions, startLink } from '../../harness/link.js'
import { type RunResult, runAction } from '../../harness/run-action.js'
import {
  BOT_IP_WHITE_LIST,
  type Sandbox,
  type SandboxApp,
  type SandboxOptions,
  TEST_APP,
  TEST_CA_FILE,
  startSandbox
} from '../../harness/sandbox.js'
import { findLeaks } from './leaks.js'

export const CREDENTIALS = { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret }

// Servers started during a test close after it, last started first.
const started: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const server of started.splice(0).reverse()) await server.close()
})
const closedAfterTest = <T extends { close(): unknown }>(server: T): T => {
  started.push(server)
  return server
}

/** The public hosts (open.feishu.cn, open.larksuite.com, any host) as a proxy reaches them: a TLS sandbox behind it. */
export interface PublicHosts {
  readonly sandbox: Sandbox
  readonly proxy: ConnectProxy
  /** HTTPS_PROXY, and the test CA that signed the sandbox's certificate. */
  readonly env: Record<string, string>
}

/** Servers for this test: each is closed after it. */
export const servers = {
  async sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
    return closedAfterTest(await startSandbox(options))
  },
  /** A CONNECT proxy on loopback whose every tunnel goes to `target`, whatever host was asked. */
  async proxyTo(target: { port: number }, options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
    return closedAfterTest(await startConnectProxy({ host: '127.0.0.1', port: target.port }, options))
  },
  /** A link on loopback to `target` that delays each direction, or black-holes connections. */
  async linkTo(target: { port: number }, options: LinkOptions = {}): Promise<Link> {
    return closedAfterTest(await startLink({ host: '127.0.0.1', port: target.port }, options))
  },
  /** The public hosts: a TLS sandbox with these options, behind a proxy with those. */
  async publicHosts(options: SandboxOptions = {}, proxyOptions: ConnectProxyOptions = {}): Promise<PublicHosts> {
    const sandbox = await servers.sandbox({ ...options, tls: true })
    const proxy = await servers.proxyTo(sandbox, proxyOptions)
    return { sandbox, proxy, env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE } }
  },
  /** Any other server (a listener, a server of the test's own making), closed after the test too. */
  closedAfterTest
}

/** A sandbox shared by the tests of a file or a describe block: started before them, closed after them. */
export function sharedSandbox(options: SandboxOptions = {}): () => Sandbox {
  let shared: Sandbox | undefined
  beforeAll(async () => {
    shared = await startSandbox(options)
  })
  afterEach(() => shared?.clearFaults())
  afterAll(async () => {
    await shared?.close()
  })
  return () => shared!
}

export interface BundleRun {
  /** The inputs, over the app's App ID and App Secret and, with `sandbox`, 'base-url' at it. */
  readonly inputs?: Record<string, string>
  /** The app whose credentials are the inputs' (TEST_APP by default). */
  readonly app?: SandboxApp
  /** The sandbox requests go to: 'base-url' is its URL unless the inputs give one; its tokens must not leak. */
  readonly sandbox?: Sandbox
  /** The public hosts, through their proxy (no 'base-url'); the tokens of their sandbox must not leak. */
  readonly publicHosts?: PublicHosts
  /** More environment: proxies, RUNNER_DEBUG... */
  readonly env?: Record<string, string>
  /** More values that must show nowhere the action writes: an App Secret given in the inputs, a token a fault answered with. */
  readonly secrets?: readonly string[]
  /** The Node binary (Node 24 by default). */
  readonly node?: string
  readonly killAfterMs?: number
}

/** Runs the bundle, and checks that no secret leaked: not the app's App Secret, a token the sandbox issued, or `secrets`. */
export async function runBundle(given: BundleRun = {}): Promise<RunResult> {
  const app = given.app ?? TEST_APP
  const inputs = {
    'app-id': app.appId,
    'app-secret': app.appSecret,
    ...(given.sandbox && { 'base-url': given.sandbox.url }),
    ...given.inputs
  }
  const result = await runAction({
    inputs,
    env: { ...given.publicHosts?.env, ...given.env },
    ...(given.node && { node: given.node }),
    ...(given.killAfterMs && { killAfterMs: given.killAfterMs })
  })
  const tokens = [given.sandbox, given.publicHosts?.sandbox].flatMap(served => served?.issuedTokens() ?? [])
  expect(findLeaks(result, [app.appSecret, ...tokens, ...(given.secrets ?? [])])).toEqual([])
  return result
}

/** A failed step: exit code 1, one error that says `words`, and no stack trace. */
export function expectFailure(result: RunResult, words: RegExp): void {
  expect(result.exitCode).toBe(1)
  expect(result.errors).toHaveLength(1)
  expect(result.errors[0]).toMatch(words)
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/)
}

/** The company's egress addresses that bot/v3/info lists are never printed, in any form. */
export function expectNoEgressAddresses(result: RunResult): void {
  const written = result.stdout + result.stderr + result.files.summary + result.files.output + result.files.env
  for (const address of BOT_IP_WHITE_LIST) {
    expect(written).not.toContain(address)
    expect(written).not.toContain(address.split('.').join('\\.'))
  }
}
