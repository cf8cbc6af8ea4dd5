// The Feishu client against the sandbox, over real loopback sockets, with the real @actions/http-client.
import { type Context, RequestError } from '../../src/feishu/failure.js'
import { type FeishuClient, createFeishuClient } from '../../src/feishu/client.js'
import { MAX_BODY_BYTES } from '../../src/feishu/wire.js'
import { describeFailure, shortFailure } from '../../src/words/failures.js'
import { createRedactor } from '../../src/output/redact.js'
import { type Transport, openTransport } from '../../src/feishu/transport.js'
import { type Sandbox, TEST_APP, TEST_CA_FILE, faults, startSandbox } from '../../harness/sandbox.js'

let sandbox: Sandbox
let transport: Transport
let client: FeishuClient
const debug: string[] = []

let context: Context

function newClient(baseUrl: string, appId = TEST_APP.appId): FeishuClient {
  transport = openTransport(baseUrl)
  context = { appId, endpoint: { baseUrl } }
  const { redact, redactDeep } = createRedactor()
  return createFeishuClient(
    transport.http,
    { baseUrl, appId, stepTimeoutMs: 5000 },
    {
      debug: m => void debug.push(m),
      redact,
      redactDeep,
      describe: shortFailure,
      mask: () => undefined,
      hide: () => undefined,
      now: Date.now
    }
  )
}

beforeEach(async () => {
  sandbox = await startSandbox()
  client = newClient(sandbox.url)
  debug.length = 0
})
afterEach(async () => {
  transport.dispose()
  await sandbox.close()
})

const token = () => client.tenantToken(TEST_APP.appSecret, 5000)

/** The RequestError the promise rejects with, and its words as the action would print them. */
async function failure(promise: Promise<unknown>): Promise<RequestError & { words: string }> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError)
    return Object.assign(error as RequestError, { words: describeFailure(error as RequestError, context) })
  }
  throw new Error('expected a RequestError')
}

describe('tenantToken', () => {
  it('POSTs the App ID and secret as JSON and returns the token and its lifetime', async () => {
    const issued = await token()
    expect(issued.token).toMatch(/^t-[0-9a-f]{40}$/)
    expect(issued.expiresIn).toBe(7200)
    expect(issued.logId).toBe('2026112500000001SANDBOX')
    expect(sandbox.requests).toHaveLength(1)
    const [request] = sandbox.requests
    expect(request).toMatchObject({ method: 'POST', path: '/open-apis/auth/v3/tenant_access_token/internal' })
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(request!.body)).toEqual({ app_id: TEST_APP.appId, app_secret: TEST_APP.appSecret })
  })

  it('logs each request for debugging, without the body', async () => {
    await token()
    expect(debug).toEqual([
      expect.stringMatching(
        /^POST http:\/\/127\.0\.0\.1:\d+\/open-apis\/auth\/v3\/tenant_access_token\/internal: HTTP 200, code 0, \d+ ms, log id 2026112500000001SANDBOX$/
      )
    ])
  })

  it.each([
    [200, 'a wrong secret', { appSecret: 'wrong' }, 10014, /App Secret is wrong/],
    [400, 'a wrong secret (behind a proxy that turns it into 400)', { appSecret: 'wrong' }, 10014, /App Secret is wrong/],
    [200, 'an unknown App ID', { appId: 'cli_0000000000000000' }, 10014, /no app with this App ID exists/],
    [200, 'a malformed App ID', { appId: 'nope' }, 10003, /App ID is missing, malformed or unknown/]
  ] as const)('reads the code whatever the status (%i): %s', async (status, _what, change, code, words) => {
    await sandbox.close()
    sandbox = await startSandbox({ tokenErrorStatus: status })
    const creds = { appId: TEST_APP.appId, appSecret: TEST_APP.appSecret, ...change }
    client = newClient(sandbox.url, creds.appId)
    const error = await failure(client.tenantToken(creds.appSecret, 5000))
    expect(error.failure).toMatchObject({ kind: 'feishu', code, status })
    expect(error.words).toMatch(words)
    expect(error.words).toContain('log id 2026112500000001SANDBOX')
  })

  it.each([
    ['no token', { code: 0, msg: 'ok', expire: 7200 }, /'tenant_access_token' is missing/],
    [
      'a token that is not a string',
      { code: 0, tenant_access_token: 42, expire: 7200 },
      /'tenant_access_token' is missing or not a string/
    ],
    [
      'expire as a string',
      { code: 0, tenant_access_token: 't-abcdef0123456789abcdef', expire: '7200' },
      /'expire' is missing or not a positive/
    ],
    ['a negative expire', { code: 0, tenant_access_token: 't-abcdef0123456789abcdef', expire: -5 }, /'expire'/],
    ['a token with a newline', { code: 0, tenant_access_token: 't-abc\nxyz', expire: 7200 }, /characters a token cannot have/]
  ])('rejects an answer with %s', async (_what, body, words) => {
    sandbox.failNext(faults.json(200, body))
    const error = await failure(token())
    expect(error.failure.kind).toBe('malformed')
    expect(error.words).toMatch(words)
  })

  it.each([
    ['no code', { tenant_access_token: 't-abc', expire: 7200 }],
    ['a code that is a string', { code: '0', tenant_access_token: 't-abc', expire: 7200 }]
  ])('says an answer with %s has no numeric code, never that it "answered code 0"', async (_what, body) => {
    sandbox.failNext(faults.json(200, body))
    const error = await failure(token())
    expect(error.failure).toEqual({ kind: 'no-code', status: 200 })
    expect(error.words).toMatch(/answered with JSON that has no numeric 'code', so it is not an Open Platform answer\. Check 'base-url'/)
    expect(error.words).not.toContain('code 0')
  })

  it.each([
    ['an empty body', faults.text(200, '', 'application/json'), { kind: 'not-json', status: 200, bytes: 0 }],
    [
      'HTML from a proxy',
      faults.text(502, '<html>Bad Gateway</html>'),
      { kind: 'not-json', status: 502, contentType: 'text/html; charset=utf-8' }
    ],
    ['truncated JSON', faults.text(200, '{"code":0,"tenant_access', 'application/json'), { kind: 'not-json' }],
    ['a JSON list', faults.json(200, [1, 2]), { kind: 'not-json' }],
    ['a 5xx with JSON but no code', faults.json(503, { error: 'busy' }), { kind: 'http', status: 503 }],
    ['a 5xx with a code', faults.json(500, { code: 1001, msg: 'internal error' }), { kind: 'feishu', status: 500, code: 1001 }]
  ])('turns %s into a failure', async (_what, fault, expected) => {
    sandbox.failNext(fault)
    const error = await failure(token())
    expect(error.failure).toMatchObject(expected)
  })

  it('never follows a redirect, and names where it pointed', async () => {
    const elsewhere = await startSandbox()
    sandbox.failNext(faults.redirect(`${elsewhere.url}/open-apis/auth/v3/tenant_access_token/internal`, 307))
    const error = await failure(token())
    expect(error.failure).toMatchObject({ kind: 'redirect', status: 307 })
    expect(error.words).toContain(`redirect to 127.0.0.1:${elsewhere.port}`)
    expect(elsewhere.requests).toHaveLength(0)
    await elsewhere.close()
  })

  it('stops reading a body past 1 MiB', async () => {
    sandbox.failNext(faults.huge(MAX_BODY_BYTES * 8))
    const error = await failure(token())
    expect(error.failure).toMatchObject({ kind: 'too-large', limitBytes: MAX_BODY_BYTES })
  })

  it('tells a connection closed mid-body from a whole answer', async () => {
    sandbox.failNext(faults.truncate())
    expect((await failure(token())).failure).toMatchObject({ kind: 'truncated', status: 200 })
  })

  it('reports a connection dropped before any answer as a network error', async () => {
    sandbox.failNext(faults.reset())
    expect((await failure(token())).failure).toEqual({ kind: 'network', errno: 'ECONNRESET' })
  })

  it('reports a refused connection', async () => {
    const port = sandbox.port
    await sandbox.close()
    sandbox = await startSandbox()
    client = newClient(`http://127.0.0.1:${port}`)
    expect((await failure(token())).failure).toEqual({ kind: 'network', errno: 'ECONNREFUSED' })
  })

  it('gives up on a server that never answers when its time is up', async () => {
    sandbox.failNext(faults.hang())
    const started = Date.now()
    const error = await failure(client.tenantToken(TEST_APP.appSecret, 300))
    expect(error.failure).toEqual({ kind: 'timeout', limit: 'step', timeoutMs: 5000, givenMs: 300 })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it("says how much time a request had only when it had noticeably less than the step's whole time", async () => {
    transport.dispose()
    transport = openTransport(sandbox.url)
    const { redact, redactDeep } = createRedactor()
    const tools = { debug: () => undefined, redact, redactDeep, describe: shortFailure, mask: () => undefined, hide: () => undefined }
    const short = createFeishuClient(
      transport.http,
      { baseUrl: sandbox.url, appId: TEST_APP.appId, stepTimeoutMs: 500 },
      { ...tools, now: Date.now }
    )
    // 460 ms of 500: the moments before the first request are not worth saying; 440 ms is what earlier ones left.
    sandbox.failNext(faults.hang())
    expect((await failure(short.tenantToken(TEST_APP.appSecret, 460))).failure).toEqual({ kind: 'timeout', limit: 'step', timeoutMs: 500 })
    sandbox.failNext(faults.hang())
    expect((await failure(short.tenantToken(TEST_APP.appSecret, 440))).failure).toEqual({
      kind: 'timeout',
      limit: 'step',
      timeoutMs: 500,
      givenMs: 440
    })
  })

  it('drops a stalled attempt at the attempt limit, and stays usable: the next attempt connects anew', async () => {
    transport.dispose()
    transport = openTransport(sandbox.url)
    const { redact, redactDeep } = createRedactor()
    client = createFeishuClient(
      transport.http,
      { baseUrl: sandbox.url, appId: TEST_APP.appId, stepTimeoutMs: 60_000, attemptTimeoutMs: 300 },
      { debug: () => undefined, redact, redactDeep, describe: shortFailure, mask: () => undefined, hide: () => undefined, now: Date.now }
    )
    sandbox.failNext(faults.hang())
    const started = Date.now()
    const error = await failure(client.tenantToken(TEST_APP.appSecret, 60_000))
    expect(error.failure).toEqual({ kind: 'timeout', limit: 'attempt', timeoutMs: 300 })
    expect(error.words).toMatch(/did not answer within 0\.3 s, the limit for one attempt set by 'attempt-timeout-seconds'/)
    expect(Date.now() - started).toBeLessThan(2000)
    const issued = await client.tenantToken(TEST_APP.appSecret, 60_000)
    expect(issued.token).toMatch(/^t-/)
    const [stalled, retried] = sandbox.requests
    expect(retried!.connection).not.toBe(stalled!.connection)
  })

  it('the step deadline wins when it comes before the attempt limit', async () => {
    sandbox.failNext(faults.hang())
    const error = await failure(client.tenantToken(TEST_APP.appSecret, 200))
    expect(error.failure).toMatchObject({ kind: 'timeout', limit: 'step' })
  })

  it('sends nothing when no time is left, and says so: no answer was awaited', async () => {
    for (const left of [0, -250]) {
      const error = await failure(client.tenantToken(TEST_APP.appSecret, left))
      expect(error.failure).toEqual({ kind: 'timeout', limit: 'step', timeoutMs: 5000, notSent: true })
      expect(error.words).toMatch(
        /^Could not get a tenant access token: not sent: the deadline set by 'timeout-seconds' \(5 s, retries included\) had passed before its turn came \(the requests before it used the time\)\. Raise 'timeout-seconds'\.$/
      )
    }
    expect(sandbox.requests).toHaveLength(0)
  })

  it.each([
    [{ 'x-ogw-ratelimit-reset': '3' }, 3000],
    [{ 'retry-after': '2' }, 2000],
    [{ 'x-ogw-ratelimit-reset': '1', 'retry-after': '9' }, 1000],
    [{}, undefined]
  ])('reads the wait of a rate-limit answer from %j', async (headers, expected) => {
    sandbox.failNext(faults.json(429, { code: 99991400, msg: 'request trigger frequency limit' }, headers))
    const error = await failure(token())
    expect(error.failure).toMatchObject({ kind: 'feishu', code: 99991400, status: 429 })
    expect(error.retryAfterMs).toBe(expected)
  })

  it('takes the log id from X-Request-Id, or from the body, when X-Tt-Logid is absent', async () => {
    sandbox.failNext((_req, res) => {
      res.removeHeader('x-tt-logid')
      res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': 'REQ-1' })
      res.end(JSON.stringify({ code: 10003, msg: 'invalid param' }))
    })
    expect((await failure(token())).logId).toBe('REQ-1')
    sandbox.failNext((_req, res) => {
      res.removeHeader('x-tt-logid')
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 99991672, msg: 'denied', error: { log_id: 'BODY-LOG', troubleshooter: 'https://open.feishu.cn/t' } }))
    })
    const error = await failure(token())
    expect(error.logId).toBe('BODY-LOG')
    expect(error.words).toContain('troubleshooter https://open.feishu.cn/t')
  })
})

describe('scopes', () => {
  it('sends the token as a Bearer header over the same kept-alive connection', async () => {
    const issued = await token()
    const listed = await client.scopes(issued.token, 5000)
    // scope_type is kept as the identity the entry is for; an entry without it has none.
    expect(listed.scopes).toEqual(
      TEST_APP.scopes!.map(s => ({ name: s.scope_name, grantStatus: s.grant_status, ...(s.scope_type && { identity: s.scope_type }) }))
    )
    const [, request] = sandbox.requests
    expect(request).toMatchObject({ method: 'GET', path: '/open-apis/application/v6/scopes' })
    expect(request!.headers.authorization).toBe(`Bearer ${issued.token}`)
    expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1])
  })

  it.each([
    ['the app is not installed', { installed: false }, 212100, /not installed or not enabled/],
    ['the app belongs to the other region', { otherRegion: true }, 1000040351, /belongs to the other region/]
  ])('fails when %s', async (_what, change, code, words) => {
    await sandbox.close()
    sandbox = await startSandbox({ apps: [{ ...TEST_APP, ...change }] })
    client = newClient(sandbox.url)
    const error = await failure(client.scopes((await token()).token, 5000))
    expect(error.failure).toMatchObject({ kind: 'feishu', code, status: 400 })
    expect(error.words).toMatch(/^Could not list the app's scopes: /)
    expect(error.words).toMatch(words)
  })

  it('fails on an unknown token with 99991663', async () => {
    const error = await failure(client.scopes('t-unknown', 5000))
    expect(error.failure).toMatchObject({ code: 99991663 })
  })

  it.each([
    ['no data', { code: 0, msg: 'success' }, /'data\.scopes' is missing or not a list/],
    ['scopes not a list', { code: 0, data: { scopes: 'im:message' } }, /'data\.scopes' is missing or not a list/],
    ['an entry without a name', { code: 0, data: { scopes: [{ grant_status: 1 }] } }, /no string 'scope_name'/],
    ['grant_status as a string', { code: 0, data: { scopes: [{ scope_name: 'a:b', grant_status: '1' }] } }, /numeric 'grant_status'/]
  ])('rejects an answer with %s', async (_what, body, words) => {
    const issued = await token()
    sandbox.failNext(faults.json(200, body))
    const error = await failure(client.scopes(issued.token, 5000))
    expect(error.words).toMatch(words)
  })
})

describe('over TLS', () => {
  it('fails with a TLS error when the certificate cannot be verified', async () => {
    await sandbox.close()
    sandbox = await startSandbox({ tls: true })
    client = newClient(`https://localhost:${sandbox.port}`)
    const error = await failure(token())
    expect(error.failure).toMatchObject({ kind: 'network' })
    expect(error.words).toMatch(/TLS certificate of localhost:\d+ is signed by a CA this runner does not trust/)
    expect(TEST_CA_FILE).toMatch(/ca\.crt$/)
  })
})
