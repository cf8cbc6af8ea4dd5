// The gate step (src/steps/gate.ts): the scope outputs, the audit of scopes the app holds beyond required-scopes, and
// an approval request the admin can act on. `run` in process with the real client and http-client against the
// sandbox; test/action/audit.test.ts runs the bundle.
import { run } from '../../src/main.js'
import { testDeps } from '../support/deps.js'
import { type FakeCore, fakeCore } from '../support/fake-core.js'
import { leaks } from '../support/leaks.js'
import { type Fault, type Sandbox, type SandboxApp, TEST_APP, TEST_APP_READ_SCOPES, faults, startSandbox } from '../../harness/sandbox.js'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(async () => {
  await sandbox.close()
})

async function withApp(app: Partial<SandboxApp>): Promise<void> {
  await sandbox.close()
  sandbox = await startSandbox({ apps: [{ ...TEST_APP, ...app }] })
}

async function runWith(inputs: Record<string, string>): Promise<FakeCore> {
  const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, ...inputs })
  await run(testDeps(core))
  expect(leaks({ printed: core.printed }, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  return core
}

const applyRequests = () => sandbox.requests.filter(r => r.path === '/open-apis/application/v6/scopes/apply')
const warnings = (core: FakeCore) => core.events.flatMap(e => (e.type === 'warning' ? [e.message] : []))
const infos = (core: FakeCore) => core.events.flatMap(e => (e.type === 'info' ? [e.message] : []))
// TEST_APP holds im:message and im:message:send_as_bot (granted), bitable:app (awaiting) and one read scope per
// resource call (granted) for the app identity; contact:user.base:readonly is granted for the user identity only,
// which a tenant token cannot use.
const RESOURCE_READ_SCOPES = TEST_APP_READ_SCOPES
const BEYOND_IM_MESSAGE = [...RESOURCE_READ_SCOPES, 'bitable:app', 'im:message:send_as_bot'].sort()

describe('unexpected scopes', () => {
  it('ignore (the default): the output is set, nothing is said, the step passes', async () => {
    const core = await runWith({ 'required-scopes': 'im:message' })
    expect(core.failed).toBeUndefined()
    expect(warnings(core)).toEqual([])
    expect(core.outputs['unexpected-scopes']).toBe(JSON.stringify(BEYOND_IM_MESSAGE))
    expect(core.summaryText).not.toContain('Unexpected scopes')
  })

  it('warn: a warning that lists each with its status and how to remove it; the step passes', async () => {
    const core = await runWith({ 'required-scopes': 'im:message', 'on-unexpected-scopes': 'warn' })
    expect(core.failed).toBeUndefined()
    expect(warnings(core)).toEqual([
      [
        `10 scopes are configured on app ${TEST_APP.appId} but not in 'required-scopes' (least privilege: a tenant token carries every scope the app holds):`,
        ...BEYOND_IM_MESSAGE.map(scope => `- ${scope}: ${scope === 'bitable:app' ? 'awaiting approval' : 'granted'}`),
        `Remove them on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${TEST_APP.appId}/auth) and publish a version on the app's Version Management & Release (版本管理与发布) page, or add them to 'required-scopes' if the workflow needs them.`
      ].join('\n')
    ])
    expect(core.outputs['unexpected-scopes']).toBe(JSON.stringify(BEYOND_IM_MESSAGE))
    expect(core.summaryText).toContain('## Feishu/Lark tenant token: ⚠️ Token issued, unexpected scopes')
    expect(core.summaryText).toContain(
      '### Unexpected scopes\n\n10 scopes are configured on the app but not required (on-unexpected-scopes: warn)'
    )
    expect(core.summaryText).toContain('| `bitable:app` | ⏳ awaiting approval')
    expect(core.summaryText).toContain('| `im:message:send_as_bot` | ✅ granted |')
  })

  it('fail: the step fails with the same list', async () => {
    const core = await runWith({
      'required-scopes': ['im:message', 'im:message:send_as_bot', ...RESOURCE_READ_SCOPES].join(', '),
      'on-unexpected-scopes': 'fail'
    })
    expect(core.failed).toMatch(
      /^1 scope is configured on app .* but not in 'required-scopes'.*\n- bitable:app: awaiting approval\nRemove it on the app's Permissions & Scopes \(权限管理\) page/s
    )
    expect(core.outputs['unexpected-scopes']).toBe('["bitable:app"]')
    expect(core.summaryText).toContain('## Feishu/Lark tenant token: ❌ Unexpected scopes')
  })

  it('fail with missing scopes too: one error that says both', async () => {
    const core = await runWith({ 'required-scopes': 'im:message docx:document', 'on-unexpected-scopes': 'fail' })
    expect(core.events.filter(e => e.type === 'setFailed')).toHaveLength(1)
    expect(core.failed).toMatch(/^1 of 2 required scopes is missing.*\n\n10 scopes are configured on app/s)
    expect(core.summaryText).toContain('❌ Required scopes missing, unexpected scopes')
  })

  it('none: passes in fail mode, and says so in the summary', async () => {
    await withApp({ scopes: [{ scope_name: 'im:message', grant_status: 1 }] })
    const core = await runWith({ 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' })
    expect(core.failed).toBeUndefined()
    expect(core.outputs['unexpected-scopes']).toBe('[]')
    expect(core.summaryText).toContain('The app holds no scope beyond the required ones.')
  })

  it.each([
    [{ 'on-unexpected-scopes': 'fail' }, /^Input 'on-unexpected-scopes' is 'fail', but 'required-scopes' and 'required-calls' are empty/],
    [{ 'on-unexpected-scopes': 'warn' }, /^Input 'on-unexpected-scopes' is 'warn', but 'required-scopes' and 'required-calls' are empty/],
    [{ 'request-approval': 'true' }, /^Input 'request-approval' is 'true', but 'required-scopes' and 'required-calls' are empty/],
    [{ 'on-unexpected-scopes': 'error', 'required-scopes': 'im:message' }, /^Input 'on-unexpected-scopes' is "error": use 'ignore'/],
    [{ 'request-approval': 'yes', 'required-scopes': 'im:message' }, /^Input 'request-approval' is "yes": use 'true' or 'false'/]
  ])('input error %j: named, and no request', async (inputs, words) => {
    const core = await runWith(inputs)
    expect(core.failed).toMatch(words)
    expect(sandbox.requests).toEqual([])
  })
})

describe('request-approval', () => {
  it('asks once, with the Bearer token and no body, when a required scope awaits approval; the gate still fails', async () => {
    const core = await runWith({ 'required-scopes': 'im:message, bitable:app', 'request-approval': 'true' })
    expect(applyRequests()).toHaveLength(1)
    const [apply] = applyRequests()
    expect(apply!.method).toBe('POST')
    expect(apply!.headers.authorization).toBe(`Bearer ${sandbox.issuedTokens()[0]}`)
    expect(apply!.body).toBe('')
    expect(core.outputs['approval-requested']).toBe('true')
    expect(infos(core)).toContain(
      "Asked the tenant admin to approve the app's pending scopes. The request covers every scope of the app that awaits approval, and an app may send at most 10 per version."
    )
    expect(core.failed).toMatch(/^1 of 2 required scopes is missing/)
    expect(core.summaryText).toContain("📨 Asked the tenant admin to approve the app's pending scopes.")
  })

  it('never asks by default', async () => {
    const core = await runWith({ 'required-scopes': 'bitable:app' })
    expect(applyRequests()).toEqual([])
    expect(core.outputs['approval-requested']).toBe('false')
  })

  it('never asks when no required scope awaits approval, even when another one does', async () => {
    const core = await runWith({ 'required-scopes': 'im:message docx:document', 'request-approval': 'true', 'on-missing-scopes': 'warn' })
    expect(applyRequests()).toEqual([])
    expect(core.outputs['approval-requested']).toBe('false')
  })

  it.each([
    [
      'rate limited',
      faults.rateLimited(1),
      /rate limited\. Too many requests for this app right now, and this request is sent once and never retried: run the workflow again later, or ask the tenant admin directly\./
    ],
    [
      'stalled',
      faults.hang(),
      /did not answer within 1 s, the limit for one attempt .* This request is sent once and never retried: run the workflow again later, or raise 'attempt-timeout-seconds'\./
    ]
  ])('a request that was %s is not told to raise max-attempts: it is sent once', async (_what, fault, words) => {
    sandbox.failNext(faults.pass(), faults.pass(), fault)
    const core = await runWith({ 'required-scopes': 'bitable:app', 'request-approval': 'true', 'attempt-timeout-seconds': '1' })
    expect(warnings(core)).toEqual([expect.stringMatching(words)])
    expect(warnings(core)[0]).not.toContain('max-attempts')
    expect(applyRequests()).toHaveLength(1)
  })

  it('explains the IP allowlist, as a warning that leaves the gate as it was', async () => {
    sandbox.failNext(faults.pass(), faults.pass(), faults.json(400, { code: 99991401, msg: 'ip not allowed' }))
    const core = await runWith({ 'required-scopes': 'bitable:app', 'request-approval': 'true' })
    expect(warnings(core)).toEqual([
      expect.stringMatching(/^Could not ask the tenant admin .*not on the app's IP allowlist.*code 99991401/)
    ])
    expect(core.failed).toMatch(/^The required scope is missing/)
  })

  const cases: Array<[string, Partial<SandboxApp> | Fault, 'info' | 'warning', RegExp]> = [
    ['212004, a request already waits', { approvalPending: true }, 'info', /already waiting for the tenant admin.*code 212004/],
    [
      '212003, the 10 requests are used up',
      { approvalRequests: 10 },
      'warning',
      /used up its 10 approval requests for this version.*code 212003/
    ],
    [
      '212001, only high-sensitivity scopes remain',
      { scopes: [{ scope_name: 'bitable:app', grant_status: 2, sensitive: true }] },
      'warning',
      /only high-sensitivity scopes await approval.*request them on the app's Permissions & Scopes \(权限管理\) page.*code 212001/is
    ],
    [
      '212002, nothing to apply for',
      faults.json(400, { code: 212002, msg: 'no scope needs to apply' }),
      'info',
      /no scope of the app awaits approval.*code 212002/
    ],
    [
      'another failure',
      faults.json(500, { code: 99999, msg: 'internal' }),
      'warning',
      /^Could not ask the tenant admin .*code 99999.*log id \w+/
    ]
  ]

  describe.each(['fail', 'warn'])('on-missing-scopes: %s', onMissing => {
    it.each(cases)('%s: said in plain words with the code; the gate result stands', async (_what, setup, level, words) => {
      if (typeof setup === 'function') {
        sandbox.failNext(faults.json(200, { code: 0, tenant_access_token: 't-00112233445566778899', expire: 7200 }))
        sandbox.failNext(faults.json(200, { code: 0, data: { scopes: [{ scope_name: 'bitable:app', grant_status: 2 }] } }), setup)
      } else {
        await withApp(setup)
      }
      const core = await runWith({ 'required-scopes': 'bitable:app', 'request-approval': 'true', 'on-missing-scopes': onMissing })
      expect(applyRequests()).toHaveLength(1)
      expect(core.outputs['approval-requested']).toBe('false')
      expect((level === 'info' ? infos : warnings)(core)).toContainEqual(expect.stringMatching(words))
      if (onMissing === 'fail') expect(core.failed).toMatch(/^The required scope is missing/)
      else expect(core.failed).toBeUndefined()
      expect(core.summaryText).toMatch(/The approval request was not accepted:\n\n```text\nCould not ask the tenant admin/)
      expect(core.printed).not.toContain('t-00112233445566778899')
    })
  })
})

describe('the scope outputs', () => {
  const TOKEN = 't-f3a9c2e7b1d8465a0c9e'

  it('hold only scope names: anything else the server lists is dropped, and a debug line says so', async () => {
    const names = [
      'im:message',
      'im:message; rm -rf ~',
      '$(curl evil.example)',
      'a:b\n::error::x',
      TEST_APP.appSecret,
      `x:${TOKEN}`,
      'IM:MESSAGE'
    ]
    sandbox.failNext(
      faults.json(200, { code: 0, msg: 'ok', tenant_access_token: TOKEN, expire: 7200 }),
      faults.json(200, { code: 0, data: { scopes: names.map(scope_name => ({ scope_name, grant_status: 1 })) } })
    )
    const core = await runWith({ 'required-scopes': 'im:message', 'max-attempts': '1' })
    expect(core.failed).toBeUndefined()
    expect(core.outputs['granted-scopes']).toBe('["im:message"]')
    expect(core.events).toContainEqual({
      type: 'debug',
      message: expect.stringMatching(/^Left out 6 listed name\(s\) that are not scope names: /)
    })
    // Everything the run wrote where a secret must never be: logs, errors, debug lines, the summary, every output but the token.
    const { token: _token, ...outputs } = core.outputs
    expect(leaks({ printed: core.printed, outputs: JSON.stringify(outputs) }, [TEST_APP.appSecret, TOKEN])).toEqual([])
    expect(core.printed).not.toMatch(/\n::/)
  })
})
