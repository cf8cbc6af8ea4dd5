// The networks our users are on, simulated over loopback with the built action run as the runner runs it:
// connections that stall in silence (accepted, never answered), delays, corporate CONNECT proxies with
// credentials, unusable proxy settings, IPv6 literals, and answers Node's HTTP parser refuses.
import { type ConnectProxy, startConnectProxy } from '../harness/connect-proxy.js'
import { type Link, startLink } from '../harness/link.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import { findLeaks } from './support/leaks.js'
import { type Sandbox, TEST_APP, TEST_CA_FILE, faults, startSandbox } from '../harness/sandbox.js'

const creds = { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret }
const gate = { 'required-scopes': 'im:message' }
// Resolves nowhere, so only a proxy can reach it; the test certificate covers it.
const HOST = 'feishu-sandbox.invalid'
const closing: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  for (const server of closing.splice(0).reverse()) await server.close()
})

async function sandboxAt(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  closing.push(sandbox)
  return sandbox
}
async function linkTo(sandbox: Sandbox, options: Parameters<typeof startLink>[1] = {}): Promise<Link> {
  const link = await startLink({ host: '127.0.0.1', port: sandbox.port }, options)
  closing.push(link)
  return link
}
async function proxyTo(target: { port: number }, options: Parameters<typeof startConnectProxy>[1] = {}): Promise<ConnectProxy> {
  const proxy = await startConnectProxy({ host: '127.0.0.1', port: target.port }, options)
  closing.push(proxy)
  return proxy
}

function expectPassed(result: RunResult, sandbox: Sandbox): void {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(result.outputs['missing-scopes'] ?? '[]').toBe('[]')
  expect(result.stderr).toBe('')
  expect(findLeaks(result, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
}

describe('stalled connections', () => {
  it('a black-holed first connection is dropped at the attempt limit, and the retry gets the token well inside the default deadline', async () => {
    const sandbox = await sandboxAt()
    const link = await linkTo(sandbox, { blackHole: n => n === 1 })
    // The defaults: attempt-timeout-seconds 10, timeout-seconds 60.
    const result = await runAction({ inputs: { ...creds, ...gate, 'base-url': link.url } })
    expectPassed(result, sandbox)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed: no answer in 10 s\. Retrying in \d\.\d s\./)
    expect(result.durationMs).toBeLessThan(20_000)
    expect(link.connections()).toBe(2)
  }, 30_000)

  it('a scopes request that is never answered is retried on a fresh connection', async () => {
    const sandbox = await sandboxAt()
    sandbox.failNext(faults.pass(), faults.hang())
    const result = await runAction({ inputs: { ...creds, ...gate, 'base-url': sandbox.url, 'attempt-timeout-seconds': '1' } })
    expectPassed(result, sandbox)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed: no answer in 1 s\./)
    const scopes = sandbox.requests.filter(r => r.path === '/open-apis/application/v6/scopes')
    expect(scopes).toHaveLength(2)
    expect(scopes[1]!.connection).not.toBe(scopes[0]!.connection)
  })

  it('several runs at once on a link that black-holes every third connection, 50 ms each way: all pass the gate', async () => {
    const sandbox = await sandboxAt()
    const link = await linkTo(sandbox, { oneWayDelayMs: 50, blackHole: n => n % 3 === 0 })
    const results = await Promise.all(
      Array.from({ length: 9 }, () => runAction({ inputs: { ...creds, ...gate, 'base-url': link.url, 'attempt-timeout-seconds': '2' } }))
    )
    for (const result of results) expectPassed(result, sandbox)
    expect(link.blackHoled()).toBeGreaterThanOrEqual(3)
    expect(results.filter(r => /Attempt 1 of 4 failed: no answer in 2 s/.test(r.stdout)).length).toBeGreaterThanOrEqual(3)
  }, 40_000)

  it('a server that never answers still fails within timeout-seconds, naming the attempt limit', async () => {
    const sandbox = await sandboxAt()
    const link = await linkTo(sandbox, { blackHole: () => true })
    const result = await runAction({ inputs: { ...creds, 'base-url': link.url, 'attempt-timeout-seconds': '1', 'timeout-seconds': '4' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/did not answer within (1 s, the limit for one attempt|4 s, the deadline set by 'timeout-seconds')/)
    expect(result.durationMs).toBeLessThan(8000)
  })
})

describe('through a corporate proxy', () => {
  const run = (env: Record<string, string>, inputs: Record<string, string> = {}) =>
    runAction({
      inputs: { ...creds, ...gate, 'base-url': `https://${HOST}`, ...inputs },
      env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, ...env }
    })

  it('token and scopes share one kept-alive tunnel over TLS', async () => {
    const sandbox = await sandboxAt({ tls: true })
    const proxy = await proxyTo(sandbox)
    const result = await run({ HTTPS_PROXY: proxy.url })
    expectPassed(result, sandbox)
    expect(proxy.tunnels).toEqual([`${HOST}:443`])
    expect(sandbox.connectionCount()).toBe(1)
    expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1])
  })

  it('with credentials, percent-encoded: sent to the proxy, never printed', async () => {
    const sandbox = await sandboxAt({ tls: true })
    const proxy = await proxyTo(sandbox, { credentials: 'ci-bot:p@ss:w0rd%' })
    const result = await run({ HTTPS_PROXY: `http://ci-bot:${encodeURIComponent('p@ss:w0rd%')}@127.0.0.1:${proxy.port}` })
    expectPassed(result, sandbox)
    expect(proxy.tunnels).toHaveLength(1)
    expect(result.stdout).toContain(`Using the proxy 127.0.0.1:${proxy.port} for https://${HOST}.`)
    expect(result.stdout + result.stderr + result.summary).not.toMatch(/w0rd|ci-bot/)
  })

  it('wrong credentials: the proxy refused the tunnel (407), said plainly, not retried', async () => {
    const sandbox = await sandboxAt({ tls: true })
    const proxy = await proxyTo(sandbox, { credentials: 'ci-bot:right' })
    const result = await run({ HTTPS_PROXY: `http://ci-bot:wr0ngpw@127.0.0.1:${proxy.port}` })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /the proxy 127\.0\.0\.1:\d+ refused to open a tunnel to feishu-sandbox\.invalid \(HTTP 407, proxy authentication required\)\. Check the user name and password in HTTPS_PROXY/
    )
    expect(proxy.asked).toHaveLength(1)
    expect(result.stdout + result.stderr + result.summary).not.toContain('wr0ngpw')
  })

  it('a CONNECT that is never answered is dropped at the attempt limit and retried', async () => {
    const sandbox = await sandboxAt({ tls: true })
    const proxy = await proxyTo(sandbox, { blackHole: n => n === 1 })
    const result = await run({ HTTPS_PROXY: proxy.url }, { 'attempt-timeout-seconds': '1' })
    expectPassed(result, sandbox)
    expect(proxy.asked).toHaveLength(2)
    expect(proxy.tunnels).toHaveLength(1)
  })

  it('a proxy given without a scheme is used as http://, as curl does', async () => {
    const sandbox = await sandboxAt({ tls: true })
    const proxy = await proxyTo(sandbox)
    const result = await run({ https_proxy: `127.0.0.1:${proxy.port}` })
    expectPassed(result, sandbox)
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
      const sandbox = await sandboxAt({ tls: true })
      const result = await run({ [variable]: value })
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
    const sandbox = await sandboxAt()
    const result = await runAction({
      inputs: { ...creds, 'base-url': sandbox.url },
      env: { HTTP_PROXY: 'http://proxy:99999', NO_PROXY: '127.0.0.1' }
    })
    expect(result.exitCode).toBe(0)
  })
})

describe('IPv6 literals', () => {
  it('http://[::1]:port works', async () => {
    const sandbox = await sandboxAt({ host: '::1' })
    expect(sandbox.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const result = await runAction({ inputs: { ...creds, ...gate, 'base-url': sandbox.url } })
    expectPassed(result, sandbox)
    expect(sandbox.requests[0]!.headers.host).toBe(`[::1]:${sandbox.port}`)
  })

  it('https://[::1]:port works, with the certificate checked', async () => {
    const sandbox = await sandboxAt({ host: '::1', tls: true })
    const result = await runAction({ inputs: { ...creds, ...gate, 'base-url': sandbox.url }, env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE } })
    expectPassed(result, sandbox)
  })
})

describe('answers the HTTP parser rejects are malformed answers, not network problems', () => {
  it.each([
    [
      "headers over Node's limit",
      `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(20_000)}\r\ncontent-length: 2\r\n\r\n{}`,
      /its headers are larger than Node's limit.*HPE_HEADER_OVERFLOW/
    ],
    [
      'conflicting Content-Length',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 40\r\n\r\n{}',
      /conflicting Content-Length headers.*HPE_UNEXPECTED_CONTENT_LENGTH/
    ]
  ])('%s', async (_what, raw, words) => {
    const sandbox = await sandboxAt()
    sandbox.failNext(faults.raw(raw), faults.raw(raw))
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the server at 127\.0\.0\.1:\d+ sent an answer that is not valid HTTP/
    )
    expect(result.errors[0]).toMatch(words)
    expect(result.errors[0]).not.toMatch(/network/)
    expect(sandbox.requests).toHaveLength(1)
  })
})
