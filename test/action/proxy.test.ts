// Self-hosted runners behind a corporate proxy: HTTPS_PROXY / NO_PROXY in either case, credentials, proxies that are
// down, unusable, silent or not proxies at all, each named with its variable and never its credentials. The built
// bundle, run as the runner runs it, through a real CONNECT proxy on loopback that records the host each tunnel asked
// for, to the sandbox.
import net from 'node:net'
import tls from 'node:tls'
import type { RunResult } from '../../harness/run-action.js'
import { type Sandbox, TEST_CA_FILE, testCertificate } from '../../harness/sandbox.js'
import { runBundle, servers } from '../support/action.js'

// Resolves nowhere, so only a proxy can reach it; the test certificate covers it.
const HOST = 'feishu-sandbox.invalid'
const gate = { 'required-scopes': 'im:message' }

function expectPassed(result: RunResult): void {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(result.outputs['missing-scopes'] ?? '[]').toBe('[]')
  expect(result.stderr).toBe('')
}

/** A TCP (or TLS) server on loopback for this test that answers each connection with `onConnection`: a proxy that is not one. */
async function listener(onConnection: (socket: net.Socket) => void, server: net.Server = net.createServer()): Promise<number> {
  const sockets = new Set<net.Socket>()
  server.on(server instanceof tls.Server ? 'secureConnection' : 'connection', onConnection)
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  servers.closedAfterTest({
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(resolve)
      })
  })
  return (server.address() as net.AddressInfo).port
}

describe('proxy support', () => {
  /** The gate against `https://${HOST}` through the proxy of this test, once, with these variables. */
  async function throughProxy(env: (proxyUrl: string) => Record<string, string>) {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox)
    const result = await runBundle({
      sandbox,
      inputs: { ...gate, 'base-url': `https://${HOST}`, 'max-attempts': '1' },
      env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, ...env(proxy.url) }
    })
    return { sandbox, proxy, result }
  }

  it.each(['HTTPS_PROXY', 'https_proxy'])('sends both requests through %s', async variable => {
    const { sandbox, proxy, result } = await throughProxy(url => ({ [variable]: url }))
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1)
    expect(new Set(proxy.tunnels)).toEqual(new Set([`${HOST}:443`]))
    expect(sandbox.requests.map(r => r.path)).toEqual([
      '/open-apis/auth/v3/tenant_access_token/internal',
      '/open-apis/application/v6/scopes'
    ])
  })

  it.each(['NO_PROXY', 'no_proxy'])('goes direct for a host in %s', async variable => {
    const { proxy, result } = await throughProxy(url => ({ HTTPS_PROXY: url, [variable]: `example.com, ${HOST}` }))
    expect(proxy.tunnels).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/could not be resolved/)
  })

  it('names the proxy, never its credentials, when the proxy is down', async () => {
    const { result } = await throughProxy(() => ({ HTTPS_PROXY: 'http://user:pr0xyPass@127.0.0.1:9' }))
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Using the proxy 127.0.0.1:9 for https://feishu-sandbox.invalid.')
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the connection was refused while connecting to the proxy 127\.0\.0\.1:9 \(from HTTPS_PROXY\), before anything reached feishu-sandbox\.invalid\. Check that HTTPS_PROXY names a proxy that is up/
    )
    expect(result.errors[0]).not.toContain('base-url')
    expect(result.stdout + result.stderr + result.summary).not.toContain('pr0xyPass')
  })

  it('through a proxy, the route names it', async () => {
    const hosts = await servers.publicHosts()
    const result = await runBundle({ publicHosts: hosts, env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(0)
    expect(result.commands).toContainEqual([
      'debug',
      `Requests to open.feishu.cn go through the proxy 127.0.0.1:${hosts.proxy.port} (from HTTPS_PROXY).`
    ])
  })

  it('token, scopes and bot info share one tunnel', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox)
    const result = await runBundle({
      sandbox,
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'required-scopes': 'im:message', 'check-bot': 'true' },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual(['feishu-sandbox.invalid:443'])
    expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1, 1])
  })
})

describe('through a corporate CONNECT proxy', () => {
  /** A run of the gate against `https://${HOST}`, trusting the test CA, with this proxy setting. */
  const run = (sandbox: Sandbox, env: Record<string, string>, inputs: Record<string, string> = {}) =>
    runBundle({
      sandbox,
      inputs: { ...gate, 'base-url': `https://${HOST}`, ...inputs },
      env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, ...env }
    })

  it('token and scopes share one kept-alive tunnel over TLS', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox)
    const result = await run(sandbox, { HTTPS_PROXY: proxy.url })
    expectPassed(result)
    expect(proxy.tunnels).toEqual([`${HOST}:443`])
    expect(sandbox.connectionCount()).toBe(1)
    expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1])
  })

  it('with credentials, percent-encoded: sent to the proxy, never printed', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox, { credentials: 'ci-bot:p@ss:w0rd%' })
    const result = await run(sandbox, { HTTPS_PROXY: `http://ci-bot:${encodeURIComponent('p@ss:w0rd%')}@127.0.0.1:${proxy.port}` })
    expectPassed(result)
    expect(proxy.tunnels).toHaveLength(1)
    expect(result.stdout).toContain(`Using the proxy 127.0.0.1:${proxy.port} for https://${HOST}.`)
    expect(result.stdout + result.stderr + result.summary).not.toMatch(/w0rd|ci-bot/)
  })

  it('wrong credentials: the proxy refused the tunnel (407), said plainly, not retried', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox, { credentials: 'ci-bot:right' })
    const result = await run(sandbox, { HTTPS_PROXY: `http://ci-bot:wr0ngpw@127.0.0.1:${proxy.port}` })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /the proxy 127\.0\.0\.1:\d+ refused to open a tunnel to feishu-sandbox\.invalid \(HTTP 407, proxy authentication required\)\. Check the user name and password in HTTPS_PROXY/
    )
    expect(proxy.asked).toHaveLength(1)
    expect(result.stdout + result.stderr + result.summary).not.toContain('wr0ngpw')
  })

  it('a CONNECT that is never answered is dropped at the attempt limit and retried', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox, { blackHole: n => n === 1 })
    const result = await run(sandbox, { HTTPS_PROXY: proxy.url }, { 'attempt-timeout-seconds': '1' })
    expectPassed(result)
    expect(proxy.asked).toHaveLength(2)
    expect(proxy.tunnels).toHaveLength(1)
  })

  it('a proxy given without a scheme is used as http://, as curl does', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox)
    const result = await run(sandbox, { https_proxy: `127.0.0.1:${proxy.port}` })
    expectPassed(result)
    expect(proxy.tunnels).toEqual([`${HOST}:443`])
  })

  it.each([
    ['HTTPS_PROXY', 'http://ci-bot:s3cretpw@proxy.example:99999', /its port 99999 is out of range/],
    ['HTTPS_PROXY', 'http://ci-bot:s3cret%zzpw@proxy.example:3128', /bad percent-escape/],
    ['https_proxy', 'socks5://ci-bot:s3cretpw@127.0.0.1:1080', /scheme is socks5:, but only HTTP\(S\) proxies/],
    ['HTTPS_PROXY', 'http://ci-bot:s3cretpw@', /not a URL|no host/],
    ['HTTPS_PROXY', 'http://[not-ipv6]:3128', /not a URL/],
    ['HTTPS_PROXY', 'http://proxy.example:3128/some/path', /has a path/]
  ])(
    '%s=%s cannot be used: the step fails before any request, naming the variable, never its credentials',
    async (variable, value, words) => {
      const sandbox = await servers.sandbox({ tls: true })
      const result = await run(sandbox, { [variable]: value })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        expect.stringMatching(new RegExp(`^Environment variable '${variable}' is set, but the proxy in it cannot be used: `))
      ])
      expect(result.errors[0]).toMatch(words)
      expect(result.stdout + result.stderr + result.summary).not.toMatch(/s3cret|ci-bot/)
      expect(sandbox.requests).toEqual([])
    }
  )

  it('an unusable proxy for a host in NO_PROXY does not matter', async () => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, env: { HTTP_PROXY: 'http://proxy:99999', NO_PROXY: '127.0.0.1' } })
    expect(result.exitCode).toBe(0)
  })
})

describe('proxy faults name the proxy and its variable, not the API server', () => {
  const viaProxy = (proxyUrl: string, more: Record<string, string> = {}) =>
    runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1', ...more },
      env: { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })

  it('a port that does not speak HTTP', async () => {
    const port = await listener(socket => socket.end('SSH-2.0-OpenSSH_9.6\r\n'))
    const result = await viaProxy(`http://ci-bot:s3cretpw@127.0.0.1:${port}`)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not get a tenant access token: the proxy 127\\.0\\.0\\.1:${port} \\(from HTTPS_PROXY\\) did not answer CONNECT as an HTTP proxy does .*Check that HTTPS_PROXY points at the port of an HTTP\\(S\\) proxy`
        )
      )
    ])
    expect(result.errors[0]).not.toMatch(/base-url|feishu-sandbox\.invalid sent/)
    expect(result.stdout + result.summary).not.toMatch(/s3cretpw|ci-bot/)
  })

  it('an https:// proxy whose certificate cannot be verified', async () => {
    const port = await listener(() => undefined, tls.createServer(testCertificate()))
    const result = await runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { HTTPS_PROXY: `https://127.0.0.1:${port}` }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not get a tenant access token: the TLS certificate of the proxy 127\\.0\\.0\\.1:${port} \\(from HTTPS_PROXY\\) could not be verified\\. Check that HTTPS_PROXY`
        )
      )
    ])
    expect(result.errors[0]).not.toContain('feishu-sandbox.invalid could not be verified')
  })

  it('a proxy that never answers CONNECT: each attempt says so, and so does the error', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox, { blackHole: () => true })
    const result = await viaProxy(proxy.url, { 'attempt-timeout-seconds': '1', 'timeout-seconds': '4', 'max-attempts': '2' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/Attempt 1 of 2 failed: no tunnel from the proxy in time\. Retrying in/)
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not get a tenant access token: the proxy 127\\.0\\.0\\.1:${proxy.port} \\(from HTTPS_PROXY\\) did not open a tunnel to feishu-sandbox\\.invalid within 1 s, .*Check that HTTPS_PROXY names a proxy that is up`
        )
      )
    ])
  })

  it('a proxy that refuses the credentials names the variable they came from', async () => {
    const sandbox = await servers.sandbox({ tls: true })
    const proxy = await servers.proxyTo(sandbox, { credentials: 'ci-bot:right' })
    const result = await runBundle({
      sandbox,
      inputs: { 'base-url': 'https://feishu-sandbox.invalid' },
      env: { https_proxy: `http://ci-bot:wr0ng@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.errors[0]).toMatch(/\(HTTP 407, proxy authentication required\)\. Check the user name and password in https_proxy/)
  })
})
