// The networks our users are on, simulated over loopback with the built action run as the runner runs it:
// connections that stall in silence (accepted, never answered), delays, redirects, refused connections, names that do
// not resolve, TLS that cannot be verified, IPv6 literals, answers Node's HTTP parser refuses, and the route requests
// take (direct, and why). Proxies: proxy.test.ts.
import type { RunResult } from '../../harness/run-action.js'
import { TEST_CA_FILE, faults } from '../../harness/sandbox.js'
import { expectFailure, runBundle, servers } from '../support/action.js'

const gate = { 'required-scopes': 'im:message' }

function expectPassed(result: RunResult): void {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(result.outputs['missing-scopes'] ?? '[]').toBe('[]')
  expect(result.stderr).toBe('')
}

describe('stalled connections', () => {
  it('a black-holed first connection is dropped at the attempt limit, and the retry gets the token well inside the default deadline', async () => {
    const sandbox = await servers.sandbox()
    const link = await servers.linkTo(sandbox, { blackHole: n => n === 1 })
    // The defaults: attempt-timeout-seconds 10, timeout-seconds 60.
    const result = await runBundle({ sandbox, inputs: { ...gate, 'base-url': link.url } })
    expectPassed(result)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed: no answer in 10 s\. Retrying in \d\.\d s\./)
    expect(result.durationMs).toBeLessThan(20_000)
    expect(link.connections()).toBe(2)
  }, 30_000)

  it('a scopes request that is never answered is retried on a fresh connection', async () => {
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.pass(), faults.hang())
    const result = await runBundle({ sandbox, inputs: { ...gate, 'attempt-timeout-seconds': '1' } })
    expectPassed(result)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed: no answer in 1 s\./)
    const scopes = sandbox.requests.filter(r => r.path === '/open-apis/application/v6/scopes')
    expect(scopes).toHaveLength(2)
    expect(scopes[1]!.connection).not.toBe(scopes[0]!.connection)
  })

  it('several runs at once on a link that black-holes every third connection, 50 ms each way: all pass the gate', async () => {
    const sandbox = await servers.sandbox()
    const link = await servers.linkTo(sandbox, { oneWayDelayMs: 50, blackHole: n => n % 3 === 0 })
    const results = await Promise.all(
      Array.from({ length: 9 }, () => runBundle({ sandbox, inputs: { ...gate, 'base-url': link.url, 'attempt-timeout-seconds': '2' } }))
    )
    for (const result of results) expectPassed(result)
    expect(link.blackHoled()).toBeGreaterThanOrEqual(3)
    expect(results.filter(r => /Attempt 1 of 4 failed: no answer in 2 s/.test(r.stdout)).length).toBeGreaterThanOrEqual(3)
  }, 40_000)

  it('a server that never answers still fails within timeout-seconds, naming the attempt limit', async () => {
    const sandbox = await servers.sandbox()
    const link = await servers.linkTo(sandbox, { blackHole: () => true })
    const result = await runBundle({ sandbox, inputs: { 'base-url': link.url, 'attempt-timeout-seconds': '1', 'timeout-seconds': '4' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/did not answer within (1 s, the limit for one attempt|4 s, the deadline set by 'timeout-seconds')/)
    expect(result.durationMs).toBeLessThan(8000)
  })

  it('a server that never answers fails within timeout-seconds, and the process exits', async () => {
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.hang())
    const result = await runBundle({ sandbox, inputs: { 'timeout-seconds': '1' } })
    // The whole second, or (on a loaded machine, the first request sent late) the part of it left.
    expectFailure(result, /did not answer within (1 s, |the 0\.\d s it had left before )the deadline set by 'timeout-seconds'/)
    expect(result.durationMs).toBeLessThan(5000)
  })
})

describe('broken answers and networks: one clear error, exit 1', () => {
  it('an HTTP 5xx, retried until max-attempts', async () => {
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.json(502, { message: 'bad gateway' }), faults.json(502, { message: 'bad gateway' }))
    const result = await runBundle({ sandbox, inputs: { 'max-attempts': '2' } })
    expectFailure(result, /HTTP 502 without an Open Platform error code/)
    expect(result.stdout).toMatch(/Attempt 1 of 2 failed: HTTP 502, log id \w+\. Retrying in \d\.\d s\./)
    expect(sandbox.requests).toHaveLength(2)
  })

  it("an answer nested deeper than the call stack goes still says Feishu's code, in words", async () => {
    const sandbox = await servers.sandbox()
    const depth = 200_000
    sandbox.failNext(
      faults.raw(jsonAnswer(400, `{"code":10014,"msg":"app secret invalid","data":${'['.repeat(depth)}0${']'.repeat(depth)}}`))
    )
    const result = await runBundle({ sandbox })
    expectFailure(result, /the App Secret is wrong.*\(code 10014, msg "app secret invalid", HTTP 400, log id 20261206DEEPNESTING\)$/)
  })

  it('a redirect is not followed and its host is named', async () => {
    const sandbox = await servers.sandbox()
    const other = await servers.sandbox()
    sandbox.failNext(faults.redirect(`${other.url}/open-apis/auth/v3/tenant_access_token/internal`))
    const result = await runBundle({ sandbox })
    expectFailure(result, new RegExp(`redirect to 127\\.0\\.0\\.1:${other.port}.*never follows redirects.*HTTP 302`))
    expect(other.requests).toHaveLength(0)
  })

  it('a refused connection', async () => {
    const result = await runBundle({ inputs: { 'base-url': 'http://127.0.0.1:9', 'max-attempts': '1' } })
    expectFailure(result, /connection was refused while connecting to 127\.0\.0\.1:9.*\(ECONNREFUSED\)/)
  })

  it('a host that does not resolve', async () => {
    const result = await runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1', 'timeout-seconds': '10' }
    })
    expectFailure(result, /could not be resolved.*feishu-sandbox\.invalid/)
  })
})

describe('each TLS failure in its own words', () => {
  it('a certificate of a CA the runner does not trust: NODE_EXTRA_CA_CERTS, and nothing is sent', async () => {
    const tls = await servers.sandbox({ tls: true })
    const result = await runBundle({ sandbox: tls, inputs: { 'base-url': `https://localhost:${tls.port}` } })
    expectFailure(result, /TLS certificate of localhost:\d+ is signed by a CA this runner does not trust.*NODE_EXTRA_CA_CERTS/)
    expect(result.errors[0]).toMatch(
      /is signed by a CA this runner does not trust\. If a proxy on this runner intercepts TLS.*NODE_EXTRA_CA_CERTS/
    )
    expect(tls.requests).toHaveLength(0)
  })

  it('a certificate that is trusted but does not name the host: not the CA advice', async () => {
    const hosts = await servers.publicHosts()
    const result = await runBundle({ publicHosts: hosts, inputs: { 'base-url': 'https://api.example.net', 'max-attempts': '1' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the TLS certificate api\.example\.net presented is trusted but does not name api\.example\.net.*Check that 'base-url' uses the host name the server's certificate is issued for.*Adding a CA \(NODE_EXTRA_CA_CERTS\) cannot fix a name mismatch\. \(ERR_TLS_CERT_ALTNAME_INVALID\)$/
    )
  })
})

describe('the route: which way requests go, and why', () => {
  it('a failed direct connection says which entry of NO_PROXY sent the host direct; the route is a debug line', async () => {
    const result = await runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost, .invalid', RUNNER_DEBUG: '1' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the host name could not be resolved \(DNS\) while connecting to feishu-sandbox\.invalid\. The request went direct, not through the proxy of HTTPS_PROXY, because the entry "\.invalid" of NO_PROXY matches feishu-sandbox\.invalid: if this runner reaches feishu-sandbox\.invalid only through the proxy, take that entry out of NO_PROXY\./
    )
    expect(result.errors[0]).not.toContain('set HTTPS_PROXY')
    expect(result.commands).toContainEqual([
      'debug',
      'Requests to feishu-sandbox.invalid go direct, not through the proxy of HTTPS_PROXY: the entry ".invalid" of NO_PROXY matches it.'
    ])
  })

  it('without a proxy variable, the advice is to set one; the route says why it went direct', async () => {
    const result = await runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(result.errors[0]).toMatch(/behind a corporate proxy, set HTTPS_PROXY in the job's env:/)
    expect(result.commands).toContainEqual(['debug', 'Requests to feishu-sandbox.invalid go direct: HTTPS_PROXY is not set.'])
  })

  it('HTTP_PROXY alone does not apply to https:// requests, and the route says so', async () => {
    const result = await runBundle({
      inputs: { 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { RUNNER_DEBUG: '1', HTTP_PROXY: 'http://127.0.0.1:9' }
    })
    expect(result.commands).toContainEqual([
      'debug',
      'Requests to feishu-sandbox.invalid go direct: HTTPS_PROXY is not set (HTTP_PROXY is, but it is for http:// requests).'
    ])
  })
})

describe('IPv6 literals', () => {
  it('http://[::1]:port works', async () => {
    const sandbox = await servers.sandbox({ host: '::1' })
    expect(sandbox.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const result = await runBundle({ sandbox, inputs: gate })
    expectPassed(result)
    expect(sandbox.requests[0]!.headers.host).toBe(`[::1]:${sandbox.port}`)
  })

  it('https://[::1]:port works, with the certificate checked', async () => {
    const sandbox = await servers.sandbox({ host: '::1', tls: true })
    const result = await runBundle({ sandbox, inputs: gate, env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE } })
    expectPassed(result)
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
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.raw(raw), faults.raw(raw))
    const result = await runBundle({ sandbox })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the server at 127\.0\.0\.1:\d+ sent an answer that is not valid HTTP/
    )
    expect(result.errors[0]).toMatch(words)
    expect(result.errors[0]).not.toMatch(/network/)
    expect(sandbox.requests).toHaveLength(1)
  })
})

/** A whole HTTP answer with this status and JSON body, as bytes a fault writes. */
function jsonAnswer(status: number, body: string): string {
  return `HTTP/1.1 ${status} X\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-tt-logid: 20261206DEEPNESTING\r\nconnection: close\r\n\r\n${body}`
}
