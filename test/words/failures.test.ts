// The words of a failed request (src/words/failures.ts): what each Feishu code and each kind of failure means and what
// to do, with the code, the HTTP status and the log id; and, in a run, the hosts and regions they name.
import { type Sandbox, TEST_APP, type Fault, faults, startSandbox } from '../../harness/sandbox.js'
import { type Call, type Context, type Failure, RequestError } from '../../src/feishu/failure.js'
import { endpointFor } from '../../src/feishu/region.js'
import { run } from '../../src/main.js'
import { describeFailure as wordsOf } from '../../src/words/failures.js'
import { testDeps } from '../support/deps.js'
import { fakeCore } from '../support/fake-core.js'

const feishu: Context = { appId: 'cli_9b445f5258795107', endpoint: endpointFor('feishu') }
const lark: Context = { ...feishu, endpoint: endpointFor('lark') }
const custom: Context = { ...feishu, endpoint: { baseUrl: 'https://feishu.example.com' } }
const code = (c: number, msg = '', status = 200): Failure => ({ kind: 'feishu', code: c, msg, status })
/** The words of a failed call (the token call unless said otherwise). */
const describeFailure = (failure: Failure, context: Context, logId?: string, call: Call = 'token') =>
  wordsOf(new RequestError(failure, call, logId), context)

describe('describeFailure: Feishu codes', () => {
  it.each([
    [
      10003,
      'invalid param',
      /App ID is missing, malformed or unknown.*Credentials & Basic Info.*https:\/\/open\.feishu\.cn\/app\/cli_9b445f5258795107/
    ],
    [10014, 'app secret invalid', /App Secret is wrong for this App ID.*regenerating the secret invalidates the old one/],
    [99991543, '', /App ID or App Secret is incorrect/],
    [99991400, 'request trigger frequency limit', /rate limited/],
    [212100, 'app not install', /not installed or not enabled in the tenant.*Publish a version/],
    [99991663, 'Invalid access token', /token is invalid or expired/],
    [99991662, '', /disabled, or not installed/],
    [99991673, '', /disabled, or not installed/],
    [99991672, '', /not enabled a scope/],
    [99991676, '', /lacks a scope/]
  ])('%i says what it means and what to do', (c, msg, expected) => {
    const text = describeFailure(code(c, msg), feishu, '20230721LOGID')
    expect(text).toMatch(expected)
    expect(text).toContain(`code ${c}`)
    expect(text).toContain('log id 20230721LOGID')
    expect(text).toMatch(/^Could not get a tenant access token: /)
  })

  it('tells the two meanings of 10014 apart by msg, naming the other region for an unknown App ID', () => {
    expect(describeFailure(code(10014, 'app id not exists'), feishu)).toMatch(
      /no app with this App ID exists on Feishu.*created on Lark, set `region: lark` \(https:\/\/open\.larksuite\.com\)/
    )
    expect(describeFailure(code(10014, 'app id not exists'), lark)).toMatch(/exists on Lark.*created on Feishu, set `region: feishu`/)
    expect(describeFailure(code(10014, 'app id not exists'), custom)).toMatch(
      /exists on this server.*check that 'base-url' serves the region/
    )
  })

  it('explains Incorrect domain name as the other region', () => {
    const text = describeFailure(code(1000040351, 'Incorrect domain name', 400), lark, undefined, 'scopes')
    expect(text).toMatch(/^Could not list the app's scopes: the app belongs to the other region/)
    expect(text).toMatch(/set `region: feishu`/)
    expect(text).toContain('HTTP 400')
  })

  it('quotes the msg on one line and cuts a long one', () => {
    const text = describeFailure(code(12345, `line one\nline two${'x'.repeat(500)}`), feishu)
    expect(text).toContain('msg "line one line two')
    expect(text).not.toContain('\n')
    expect(text.length).toBeLessThan(800)
    expect(text).toMatch(/error this action does not know.*error code list/)
  })

  it('includes the troubleshooter link when Feishu gives one', () => {
    expect(
      describeFailure({ ...code(99991672, 'x', 400), troubleshooter: 'https://open.feishu.cn/search?log_id=1' } as Failure, feishu)
    ).toContain('troubleshooter https://open.feishu.cn/search?log_id=1')
  })
})

describe('describeFailure: transport', () => {
  it.each<[Failure, RegExp]>([
    [{ kind: 'network', errno: 'ENOTFOUND' }, /host name could not be resolved.*open\.feishu\.cn.*HTTPS_PROXY.*\(ENOTFOUND\)/],
    [{ kind: 'network', errno: 'ECONNREFUSED' }, /connection was refused/],
    [
      { kind: 'network', errno: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      /open\.feishu\.cn presented a self-signed certificate.*NODE_EXTRA_CA_CERTS/
    ],
    [
      { kind: 'network', errno: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      /certificate open\.feishu\.cn presented is trusted but does not name open\.feishu\.cn.*'base-url'.*cannot fix a name mismatch/
    ],
    [{ kind: 'timeout', limit: 'step', timeoutMs: 5000 }, /did not answer within 5 s.*'timeout-seconds'/],
    [
      { kind: 'redirect', status: 302, location: 'https://evil.example.net/x' },
      /redirect to evil\.example\.net.*never follows redirects.*\(HTTP 302\)/
    ],
    [{ kind: 'redirect', status: 301, location: '/elsewhere' }, /redirect to another path on the same host \("\/elsewhere"\)/],
    [
      { kind: 'not-json', status: 502, contentType: 'text/html', bytes: 120 },
      /not JSON \(content type "text\/html"\).*error page.*\(HTTP 502, 120 bytes\)/
    ],
    [{ kind: 'not-json', status: 200, bytes: 0 }, /an empty body/],
    [{ kind: 'http', status: 503 }, /HTTP 503 without an Open Platform error code: the service .* is having trouble/],
    [{ kind: 'too-large', status: 200, limitBytes: 1048576 }, /larger than 1 MiB/],
    [{ kind: 'truncated', status: 200 }, /closed before the whole answer arrived/],
    [{ kind: 'malformed', status: 200, detail: "'expire' is missing" }, /answered code 0 but 'expire' is missing/]
  ])('%j', (failure, expected) => {
    expect(describeFailure(failure, feishu)).toMatch(expected)
  })

  it('names the proxy a network error happened through', () => {
    expect(
      describeFailure(
        { kind: 'network', errno: 'ECONNRESET' },
        { ...feishu, route: { via: 'proxy', proxy: { host: 'proxy.corp:3128', variable: 'HTTPS_PROXY' } } }
      )
    ).toMatch(/connection was reset while connecting to open\.feishu\.cn through the proxy proxy\.corp:3128\..*NO_PROXY/)
  })

  it('speaks of "the server" for a custom base URL', () => {
    expect(describeFailure({ kind: 'http', status: 500 }, custom)).toMatch(/the server at feishu\.example\.com|The server/)
  })

  it('is composed from the RequestError and the context, with the log id last', () => {
    const error = new RequestError(code(10003, 'invalid param'), 'token', 'LOG1', 2000)
    expect(wordsOf(error, feishu)).toBe(describeFailure(code(10003, 'invalid param'), feishu, 'LOG1'))
    expect(wordsOf(error, feishu)).toMatch(/, log id LOG1\)$/)
    expect(error.retryAfterMs).toBe(2000)
  })
})

describe('in a run, the words name the right hosts and regions', () => {
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    await sandbox.close()
  })

  /** How a run in process ends when the token call gets this answer. */
  async function failedWith(answer: Fault): Promise<string | undefined> {
    sandbox.failNext(answer)
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, 'max-attempts': '1' })
    await run(testDeps(core))
    return core.failed
  }

  it('a protocol-relative redirect names its host', async () => {
    expect(await failedWith(faults.redirect('//other.example/x'))).toMatch(/redirect to other\.example\./)
  })

  it('a backslash redirect names its host', async () => {
    expect(await failedWith(faults.redirect('/\\other.example/x'))).toMatch(/redirect to other\.example\./)
  })

  it.each([
    ['10014 app id not exists', faults.json(200, { code: 10014, msg: 'app id not exists' })],
    ['1000040351 Incorrect domain name', faults.json(400, { code: 1000040351, msg: 'Incorrect domain name' })]
  ])('with a custom base-url, %s names both regions', async (_what, answer) => {
    expect(await failedWith(answer)).toMatch(
      /`region: feishu` \(https:\/\/open\.feishu\.cn\).*`region: lark` \(https:\/\/open\.larksuite\.com\)/
    )
  })
})
