// `run` in-process: the real Feishu client and @actions/http-client against the sandbox, a recording core.
import { run } from '../src/main.js'
import { testDeps } from './support/deps.js'
import { type FakeCore, fakeCore } from './support/fake-core.js'
import { type Sandbox, type SandboxApp, TEST_APP, faults, startSandbox } from '../harness/sandbox.js'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(async () => {
  await sandbox.close()
})

async function runWith(inputs: Record<string, string>, sleeps: number[] = []): Promise<FakeCore> {
  const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, ...inputs })
  await run(testDeps(core, { sleep: async ms => void sleeps.push(ms) }))
  return core
}

async function withApp(app: Partial<SandboxApp>): Promise<void> {
  await sandbox.close()
  sandbox = await startSandbox({ apps: [{ ...TEST_APP, ...app }] })
}

const token = () => sandbox.issuedTokens()[0]!

describe('run', () => {
  it('masks the token before any other use of it, then sets the four outputs', async () => {
    const core = await runWith({ 'export-env': 'true' })
    expect(core.failed).toBeUndefined()
    const uses = core.events.flatMap((e, i) => (JSON.stringify(e).includes(token()) ? [[i, e.type]] : []))
    expect(uses[0]![1]).toBe('setSecret')
    expect(uses.slice(1).map(([, type]) => type)).toEqual(['setOutput', 'exportVariable'])
    expect(core.outputs).toEqual({
      token: token(),
      'expires-in': '7200',
      'expires-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'base-url': sandbox.url
    })
    expect(Date.parse(core.outputs['expires-at']!) - Date.now()).toBeGreaterThan(7190_000)
  })

  it('masks the App Secret before anything else', async () => {
    const core = await runWith({})
    expect(core.events[0]).toEqual({ type: 'setSecret', value: TEST_APP.appSecret })
  })

  it('exports the token and base URL only when asked', async () => {
    const exported = (core: FakeCore) => core.events.filter(e => e.type === 'exportVariable')
    expect(exported(await runWith({}))).toEqual([])
    expect(exported(await runWith({ 'export-env': 'true' }))).toEqual([
      { type: 'exportVariable', name: 'FEISHU_TENANT_ACCESS_TOKEN', value: token() },
      { type: 'exportVariable', name: 'FEISHU_BASE_URL', value: sandbox.url }
    ])
  })

  it('sends no request after an input error, and says which input', async () => {
    const core = await runWith({ 'required-scopes': 'im:message, Bitable' })
    expect(core.failed).toMatch(/^Input 'required-scopes' has an entry that is not a scope name: "Bitable"/)
    expect(sandbox.requests).toHaveLength(0)
    expect(core.summaryText).toContain("Input 'required-scopes'")
  })

  it('makes no scopes request when no scopes are required', async () => {
    const core = await runWith({})
    expect(sandbox.requests.map(r => r.path)).toEqual(['/open-apis/auth/v3/tenant_access_token/internal'])
    expect(core.outputs).not.toHaveProperty('missing-scopes')
  })

  describe('scope gate', () => {
    it('passes when every required scope is granted', async () => {
      const core = await runWith({ 'required-scopes': 'im:message\nim:message:send_as_bot' })
      expect(core.failed).toBeUndefined()
      expect(core.outputs['missing-scopes']).toBe('[]')
      // contact:user.base:readonly is granted for the user identity only: a tenant token does not carry it.
      expect(JSON.parse(core.outputs['granted-scopes']!)).toEqual([
        'bitable:app:readonly',
        'calendar:calendar:readonly',
        'docs:permission.member:auth',
        'docx:document:readonly',
        'drive:drive.metadata:readonly',
        'im:chat:readonly',
        'im:message',
        'im:message:send_as_bot',
        'sheets:spreadsheet:readonly',
        'wiki:wiki:readonly'
      ])
      expect(core.events).toContainEqual({ type: 'info', message: 'All 2 required scopes are granted.' })
    })

    it('fails with each missing scope, its reason and one grant link; outputs are still set', async () => {
      const core = await runWith({ 'required-scopes': 'im:message, bitable:app, docx:document' })
      expect(core.failed).toBe(
        [
          `2 of 3 required scopes are missing for app ${TEST_APP.appId}:`,
          "- bitable:app: configured on the app but not granted by the tenant: ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them.",
          `- docx:document: not configured on the app: add it on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${TEST_APP.appId}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page.`,
          `Grant them in one click: ${sandbox.url}/app/${TEST_APP.appId}/auth?q=bitable:app,docx:document&op_from=openapi&token_type=tenant`
        ].join('\n')
      )
      expect(core.outputs['missing-scopes']).toBe('["bitable:app","docx:document"]')
      expect(core.outputs.token).toBe(token())
    })

    it('only warns with on-missing-scopes: warn', async () => {
      const core = await runWith({ 'required-scopes': 'bitable:app', 'on-missing-scopes': 'warn' })
      expect(core.failed).toBeUndefined()
      const warnings = core.events.filter(e => e.type === 'warning')
      expect(warnings).toEqual([
        {
          type: 'warning',
          message: expect.stringMatching(/^The required scope is missing.*\n- bitable:app: configured on the app but not granted/s)
        }
      ])
      expect(core.outputs['missing-scopes']).toBe('["bitable:app"]')
    })

    it('fails when the app is not installed in the tenant (212100)', async () => {
      await withApp({ installed: false })
      const core = await runWith({ 'required-scopes': 'im:message' })
      expect(core.failed).toMatch(
        /^Could not list the app's scopes: the app is not installed or not enabled in the tenant.*code 212100.*log id/
      )
      expect(core.outputs).not.toHaveProperty('missing-scopes')
    })
  })

  describe('job summary', () => {
    it('shows the API, App ID and expiry, and the scope table, never the secret or token', async () => {
      const core = await runWith({ 'required-scopes': 'im:message bitable:app docx:document' })
      const summary = core.summaryText
      expect(summary).toContain('## Feishu/Lark tenant token: ❌ Required scopes missing')
      expect(summary).toContain(`| API | \`${sandbox.url}\` |`)
      expect(summary).toContain(`| App ID | \`${TEST_APP.appId}\` |`)
      expect(summary).toMatch(/\| Token expires \| \d{4}-.*Z \(in 2 h 0 min\) \|/)
      // Each reason with its own fix, in the words of the error (inert: Markdown escaped); the missing ones first, as
      // the grant link holds them.
      expect(summary.replace(/\\(.)/g, '$1')).toContain(
        "| Scope | Status | What to do |\n| --- | --- | --- |\n| `bitable:app` | ⏳ configured on the app but not granted by the tenant | ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them |\n| `docx:document` | ❌ not configured on the app | add it on the app's Permissions & Scopes (权限管理) page"
      )
      expect(summary).toContain('| `im:message` | ✅ granted | |')
      expect(summary).toContain(`[Grant the missing scopes](${sandbox.url}/app/${TEST_APP.appId}/auth?q=bitable:app,docx:document&`)
      expect(summary).not.toContain(token())
      expect(summary).not.toContain(TEST_APP.appSecret)
    })

    it('is written on success too', async () => {
      const summary = (await runWith({ 'required-scopes': 'im:message' })).summaryText
      expect(summary).toContain('✅ Token issued')
      expect(summary).toContain('The required scope is granted.')
      expect(summary).not.toContain('All 1 required scopes')
      expect(summary).not.toContain('Grant the missing scopes')
    })

    it('carries the error when the token request fails', async () => {
      const summary = (await runWith({ 'app-secret': 'wrong-secret-wrong-secret-wrong00' })).summaryText
      expect(summary).toContain('❌ Failed')
      expect(summary).toMatch(/### Error\n\n```text\nCould not get a tenant access token: the App Secret is wrong.*\n```\n/)
      expect(summary).not.toContain('Token expires')
    })

    it('never fails a step that worked when no summary file is available', async () => {
      const core = await runWith({})
      core.summary.write = async () => {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY')
      }
      await run(testDeps(core))
      expect(core.failed).toBeUndefined()
    })
  })

  describe('redaction', () => {
    it('never repeats a secret that a hostile server echoes back', async () => {
      sandbox.failNext((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json', 'x-tt-logid': TEST_APP.appSecret })
        res.end(JSON.stringify({ code: 99999, msg: `bad secret ${TEST_APP.appSecret}` }))
      })
      const core = await runWith({})
      expect(core.failed).toContain('***')
      expect(core.printed).not.toContain(TEST_APP.appSecret)
    })

    it('never repeats the token when the scopes call echoes it', async () => {
      sandbox.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: 't-0123456789abcdef', expire: 7200 }))
      sandbox.failNext(faults.json(400, { code: 99991663, msg: 'Invalid access token t-0123456789abcdef' }))
      const core = await runWith({ 'required-scopes': 'im:message' })
      expect(core.failed).toMatch(/Invalid access token \*\*\*/)
      expect(core.printed).not.toContain('t-0123456789abcdef')
    })
  })

  it('retries a transient failure and logs it', async () => {
    sandbox.failNext(faults.json(503, { code: 1, msg: 'busy' }))
    const sleeps: number[] = []
    const core = await runWith({}, sleeps)
    expect(core.failed).toBeUndefined()
    expect(sleeps).toEqual([500])
    expect(core.events).toContainEqual({
      type: 'info',
      message: 'Attempt 1 of 4 failed: code 1 (HTTP 503), log id 2026112500000001SANDBOX. Retrying in 0.5 s.'
    })
  })

  it('turns a network error into plain words', async () => {
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, 'max-attempts': '1' })
    const http = {
      request: () => ({
        answer: Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
        abandon: () => ({ openingTunnel: false })
      })
    }
    await run(
      testDeps(core, {
        openTransport: () => ({
          http,
          route: { via: 'direct', why: 'no-proxy-variable', variable: 'HTTPS_PROXY' },
          dispose: () => undefined
        })
      })
    )
    expect(core.failed).toMatch(
      /^Could not get a tenant access token: the connection was reset while connecting to 127\.0\.0\.1:\d+\..*\(ECONNRESET\)$/
    )
  })

  it('reports a bug as an unexpected error, never rejecting, with the stack only in debug', async () => {
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url })
    core.setOutput = () => {
      throw new TypeError('cannot write output')
    }
    await expect(run(testDeps(core))).resolves.toBeUndefined()
    expect(core.failed).toBe('Unexpected error: TypeError: cannot write output')
    expect(core.events).toContainEqual({ type: 'debug', message: expect.stringMatching(/^TypeError: cannot write output\n\s+at /) })
  })
})
