import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../harness/run-action.js'
import { ACTIVATION, CODES, codeRow, say } from '../src/codes.js'
import { describeFailure as wordsOf } from '../src/errors.js'
import { type Call, type Context, type Failure, RequestError } from '../src/failure.js'
import { MISSING_REASONS, gateVerdict, unexpectedScopesMessage } from '../src/gate.js'
import { checkScopes } from '../src/scopes.js'
import { endpointFor } from '../src/region.js'

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

  it('has one row per code and msg', () => {
    const keys = CODES.map(row => `${row.code}/${row.msg?.source ?? ''}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(codeRow(1, '')).toBeUndefined()
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

it('names Feishu codes in one file only: src/codes.ts', () => {
  const dir = join(ROOT, 'src')
  // Its folders too (src/catalogue/).
  const elsewhere = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(file => file !== 'codes.ts' && statSync(join(dir, file)).isFile())
    .filter(file => /\b(10003|10014|99991\d{3}|212\d{3}|1000040351)\b/.test(readFileSync(join(dir, file), 'utf8')))
  expect(elsewhere).toEqual([])
})

describe("the README's troubleshooting table", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(
    readme.indexOf('\n## Troubleshooting\n'),
    readme.indexOf('\n## ', readme.indexOf('\n## Troubleshooting\n') + 5)
  )
  const rows = section.split('\n').filter(line => line.startsWith('| '))
  const c = { ...feishu, call: 'scopes' as const }

  it.each(CODES.map(row => [row.code, row]))('has a row for %i with its meaning exactly as the action prints it', (code, row) => {
    const meaning = say(row.meaning, c)
    expect(rows.filter(line => line.includes(`\`${code}\``) && line.includes(meaning))).toHaveLength(1)
  })

  it.each(ACTIVATION.filter(row => row.status !== 2).map(row => [row.status, row]))(
    'has a row for activate_status %i with its meaning exactly as printed',
    (status, row) => {
      expect(rows.filter(line => line.includes(`activate_status ${status}`) && line.includes(row.meaning))).toHaveLength(1)
    }
  )

  it.each(Object.entries(MISSING_REASONS))('has a row for a required scope that is %s, in the words of the error', (_status, words) => {
    expect(rows.filter(line => line.includes(words))).toHaveLength(1)
  })
})

describe("the README's sample messages are the action's words", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  /** The fenced blocks without a language: the README's samples of what the step prints. */
  const samples: string[] = []
  let open: string[] | undefined
  let fenced = false
  for (const line of readme.split('\n')) {
    const fence = line.trim().startsWith('```')
    if (fence && fenced) {
      if (open) samples.push(open.join('\n'))
      fenced = false
      open = undefined
    } else if (fence) {
      fenced = true
      open = line.trim() === '```' ? [] : undefined
    } else if (open) open.push(line)
  }
  const appId = 'cli_9b445f5258795107'
  const c: Context = { appId, endpoint: endpointFor('feishu') }

  it('a wrong secret', () => {
    const words = wordsOf(new RequestError(code(10014, 'app secret invalid'), 'token', '2026112514201501F3E9EB64DC7E1234'), c)
    expect(samples).toContain(words)
  })

  it('missing and unexpected scopes', () => {
    const check = checkScopes(
      ['im:message', 'im:message:send_as_bot'],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'im:message:send_as_bot', grantStatus: 1 },
        { name: 'drive:drive', grantStatus: 1 }
      ]
    )
    const rules = {
      appId,
      endpoint: c.endpoint,
      onMissingScopes: 'fail' as const,
      onUnexpectedScopes: 'fail' as const,
      requestApproval: false
    }
    expect(samples).toContain(unexpectedScopesMessage(check, rules))
    const missing = checkScopes(
      ['im:message', 'bitable:app', 'docx:document'],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'bitable:app', grantStatus: 2 },
        { name: 'docx:document', grantStatus: 1 }
      ]
    )
    const verdict = gateVerdict(missing, rules)
    expect(samples).toContain(verdict.failure!.split('\n\n')[0])
  })
})
