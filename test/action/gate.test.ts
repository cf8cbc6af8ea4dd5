// The scope gate, as the runner sees it: the built bundle, run as the runner runs it, against the sandbox. Missing
// scopes, each with its reason and fix, in the error, the outputs and the summary alike; scopes counted for the tenant
// token only (scope_type, in any case); more than 100 missing; and the scopes call's own failures.
import { type Sandbox, type SandboxApp, type SandboxScope, FENCED_APP, TEST_APP, faults } from '../../harness/sandbox.js'
import { expectFailure, expectNoEgressAddresses, runBundle, servers } from '../support/action.js'
import { grantableScopes } from '../support/catalogue.js'

const DEBUG = { RUNNER_DEBUG: '1' }
let sandbox: Sandbox

/** A sandbox for this test that serves TEST_APP, changed by `app`; the app it serves. */
async function serve(app: Partial<SandboxApp> = {}): Promise<SandboxApp> {
  const served = { ...TEST_APP, ...app }
  sandbox = await servers.sandbox({ apps: [served] })
  return served
}

/** A run for `app` against this test's sandbox; the egress addresses bot/v3/info lists are never printed. */
async function runFor(app: SandboxApp, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const result = await runBundle({ sandbox, app, inputs, env })
  expectNoEgressAddresses(result)
  return result
}

const paths = () => sandbox.requests.map(r => r.path)
const scope = (scope_name: string, grant_status: number, scope_type?: string): SandboxScope =>
  ({ scope_name, grant_status, ...(scope_type !== undefined && { scope_type }) }) as SandboxScope

describe('missing scopes', () => {
  it('passes with every scope granted, and writes outputs and summary', async () => {
    const app = await serve()
    const result = await runFor(app, { 'required-scopes': 'im:message\n  im:message:send_as_bot\n' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-scopes']).toBe('[]')
    expect(JSON.parse(result.outputs['granted-scopes']!)).toContain('im:message')
    expect(result.summary).toContain('| `im:message:send_as_bot` | ✅ granted |')
    expect(sandbox.connectionCount()).toBe(1)
  })

  it('fails with the missing scope, its reason and the grant link', async () => {
    const app = await serve()
    const result = await runFor(app, { 'required-scopes': 'im:message, bitable:app' })
    expectFailure(
      result,
      /1 of 2 required scopes is missing.*\n- bitable:app: configured on the app but not granted.*\nGrant it in one click: http:\/\/127\.0\.0\.1:\d+\/app\/cli_a1b2c3d4e5f60718\/auth\?q=bitable:app&op_from=openapi&token_type=tenant$/s
    )
    expect(result.outputs['missing-scopes']).toBe('["bitable:app"]')
    expect(result.summary).toContain('❌ Required scopes missing')
  })

  it('warns and passes with on-missing-scopes: warn', async () => {
    const app = await serve()
    const result = await runFor(app, { 'required-scopes': 'docx:document', 'on-missing-scopes': 'warn' })
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([expect.stringMatching(/- docx:document: not configured on the app/)])
  })

  it.each([
    [
      'awaiting approval',
      { scope_name: 'bitable:app', grant_status: 2 },
      {},
      "ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them"
    ],
    ['not configured', undefined, {}, "add it on the app's Permissions & Scopes (权限管理) page"],
    [
      'user only',
      { scope_name: 'bitable:app', grant_status: 1, scope_type: 'user' as const },
      {},
      'enable it for the app identity on the app'
    ]
  ])('each reason gets its own fix, in log and summary alike: %s', async (_what, listed, inputs, fix) => {
    const app = await serve({ scopes: listed ? [listed] : [] })
    const result = await runFor(app, { 'required-scopes': 'bitable:app', ...inputs })
    expect(result.errors[0]).toContain(fix)
    expect(result.summary.replace(/\\(.)/g, '$1')).toContain(fix)
  })

  it('more than 100: the error, the grant link and the summary hold the same first 100, sorted', async () => {
    // Scopes the catalogue knows, so that each is one to grant; given in reverse order.
    const app = await serve()
    const required = grantableScopes(
      150,
      app.scopes!.map(s => s.scope_name)
    ).reverse()
    const result = await runFor(app, { 'required-scopes': required.join(' '), 'on-missing-scopes': 'warn' })
    const first100 = [...required].sort().slice(0, 100)
    const listed = result.warnings[0]!.split('\n').flatMap(line => (/^- ([a-z_]+:\S+):/.exec(line) ?? []).slice(1))
    expect(listed).toEqual(first100)
    expect(result.warnings[0]).toContain(`q=${first100.join(',')}&`)
    const rows = [...result.summary.matchAll(/^\| `([a-z_]+:[^`]+)` \|/gm)].map(([, scope]) => scope)
    expect(rows).toEqual(first100)
    expect(JSON.parse(result.outputs['missing-scopes']!)).toEqual([...required].sort())
  })
})

describe('scopes count for the tenant token only', () => {
  it.each([
    ['listed for users only', [scope('im:message', 1, 'user')]],
    ['granted for users, absent for the app', [scope('bitable:app', 1, 'tenant'), scope('im:message', 1, 'user')]]
  ])('a required scope %s is missing, said in words, with the grant link', async (_what, scopes) => {
    const app = await serve({ scopes })
    const result = await runFor(app, { 'required-scopes': 'im:message' }, DEBUG)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['missing-scopes']).toBe('["im:message"]')
    expect(result.outputs['granted-scopes']).not.toContain('im:message')
    expect(result.errors).toEqual([
      [
        `The required scope is missing for app ${app.appId}:`,
        `- im:message: enabled for users only (the user identity), so a tenant token does not carry it: enable it for the app identity on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${app.appId}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page.`,
        `Grant it in one click: ${sandbox.url}/app/${app.appId}/auth?q=im:message&op_from=openapi&token_type=tenant`
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
      const result = await runFor(app, { 'required-scopes': 'im:message', 'request-approval': 'true' }, DEBUG)
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ 'missing-scopes': '["im:message"]', 'granted-scopes': '[]', 'approval-requested': 'true' })
      expect(result.errors[0]).toContain(
        "- im:message: configured on the app but not granted by the tenant: the tenant admin must approve it ('request-approval: true' asks them once; its own line says whether the request went through)."
      )
    })

    it('granted for the app, refused for users: granted', async () => {
      const app = await serve({ scopes: order([scope('im:message', 2, 'user'), scope('im:message', 1, 'tenant')]) })
      const result = await runFor(app, { 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' }, DEBUG)
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ 'missing-scopes': '[]', 'granted-scopes': '["im:message"]', 'unexpected-scopes': '[]' })
      expect(result.summary).toContain('| `im:message` | ✅ granted |')
    })
  })

  it('an entry without scope_type counts for the app, as older answers list it', async () => {
    const app = await serve({ scopes: [scope('im:message', 1)] })
    const result = await runFor(app, { 'required-scopes': 'im:message' }, DEBUG)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['granted-scopes']).toBe('["im:message"]')
  })

  it('a required scope granted under Tenant (scope_type in any case) is granted', async () => {
    const app = await serve({ scopes: [scope('im:message', 1, 'Tenant')] })
    const result = await runFor(app, { 'required-scopes': 'im:message' }, DEBUG)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['granted-scopes']).toBe('["im:message"]')
  })

  it('a required scope listed only under an unknown type is missing, in its own words, and a warning names the type once', async () => {
    const app = await serve({ scopes: [scope('im:message', 1, 'app'), scope('drive:drive', 1, 'app'), scope('docx:document', 1, '')] })
    const result = await runFor(app, { 'required-scopes': 'im:message' }, DEBUG)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['missing-scopes']).toBe('["im:message"]')
    expect(result.errors[0]).toContain(
      '- im:message: listed only with a scope_type this action does not know, so it is not counted as carried by a tenant token: check it on'
    )
    expect(result.warnings).toEqual([
      'Feishu listed scopes with a scope_type this action does not know ("app", ""): they are not counted as carried by the tenant token, and the least-privilege audit counts them as the app\'s.'
    ])
  })
})

describe("the scopes call's failures", () => {
  it('the app is not installed (212100)', async () => {
    const app = await serve({ installed: false })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expectFailure(result, /not installed or not enabled in the tenant.*code 212100, msg "app not install", HTTP 400/)
  })

  it('scopes that are not a list: a malformed answer, in debug mode too', async () => {
    const app = await serve()
    sandbox.failNext(
      faults.json(200, { code: 0, msg: 'ok', tenant_access_token: 't-0123456789abcdef', expire: 7200 }),
      faults.json(200, { code: 0, data: { scopes: 'im:message' } })
    )
    const result = await runBundle({
      sandbox,
      app,
      inputs: { 'required-scopes': 'im:message' },
      env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' },
      secrets: ['t-0123456789abcdef']
    })
    expectFailure(result, /^Could not list the app's scopes: .*'data\.scopes' is missing or not a list/)
  })

  it('99991668 on a call made with the token', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 99991668, msg: 'Invalid access token for authorization' }))
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.errors[0]).toMatch(
      /^Could not list the app's scopes: the token is not valid for this request: invalid, expired or replaced\. Run the action again/
    )
  })

  it('a Lark app whose token the Feishu host issued fails at the scopes call, naming Lark', async () => {
    const hosts = await servers.publicHosts({ apps: [{ ...TEST_APP, otherRegion: true }] })
    const result = await runBundle({ publicHosts: hosts, inputs: { 'required-scopes': 'im:message' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not list the app's scopes: the app belongs to the other region.*set `region: lark` \(https:\/\/open\.larksuite\.com\).*code 1000040351/
      )
    ])
  })
})

describe('the IP allowlist', () => {
  const allowlistWords = new RegExp(
    [
      // The address Feishu saw, from its own message: the one to add to the allowlist.
      "this runner's public IP address \\(127\\.0\\.0\\.1\\) is not on the app's IP allowlist\\. ",
      'The token endpoint ignores the allowlist, which is why a token was issued; every other call from this runner is refused\\. ',
      'GitHub-hosted runners get a different address from job to job: run the job on a runner with a fixed egress address ',
      '\\(self-hosted, or a larger runner with static IP addresses\\) and add that address to the allowlist, or clear the allowlist, ',
      "in the app's Security Settings → IP allowlist \\(安全设置 → IP 白名单\\) in the developer console \\(http://127\\.0\\.0\\.1:\\d+/app/cli_f0e1d2c3b4a59687\\)\\. ",
      '\\(code 99991401, msg ".*", HTTP 400, log id \\w+\\)$'
    ].join('')
  )

  it('stops the gate at the scopes call with the explanation, after the token was issued; not retried', async () => {
    sandbox = await servers.sandbox({ apps: [FENCED_APP] })
    const result = await runFor(FENCED_APP, { 'required-scopes': 'im:message', 'max-attempts': '4' }, DEBUG)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.token).toMatch(/^t-/)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not list the app's scopes: /)])
    expect(result.errors[0]).toMatch(allowlistWords)
    expect(paths()).toEqual(['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/application/v6/scopes'])
    expect(result.stdout).not.toContain('Retrying')
  })

  it('stops the bot check the same way', async () => {
    sandbox = await servers.sandbox({ apps: [FENCED_APP] })
    const result = await runFor(FENCED_APP, { 'check-bot': 'true' }, DEBUG)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not check the app's bot: /)])
    expect(result.errors[0]).toMatch(allowlistWords)
    expect(paths()).toEqual(['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/bot/v3/info'])
    expect(result.outputs).not.toHaveProperty('bot-open-id')
  })
})
