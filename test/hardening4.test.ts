// Hardening, round 4: free text in outputs, characters that hide, scope types, tiny tokens and output budgets. The
// built bundle, run as the runner runs it (set ACTION_BUNDLE to run these against another build: each fails on the
// bundle before this round). The workflows' part is in repo.test.ts.
import { type RunResult, runAction } from '../harness/run-action.js'
import { type Sandbox, type SandboxApp, type SandboxScope, TEST_APP, faults, startSandbox } from '../harness/sandbox.js'
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

async function runFor(app: SandboxApp, inputs: Record<string, string>): Promise<RunResult> {
  const result = await runAction({
    inputs: { 'app-id': app.appId, 'app-secret': app.appSecret, 'base-url': sandbox.url, ...inputs },
    env: { RUNNER_DEBUG: '1' }
  })
  expect(findLeaks(result, [app.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  return result
}

const bot = (app_name: unknown) =>
  faults.json(200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name, open_id: 'ou_7d8a6e6df7621556ce0d21922b676706' } })

describe('1. app-name is honest plain text', () => {
  it.each(["Bob's bot", 'Release Bot (prod)', 'Deploy $HOME; rm -rf ~ | `id` & <x> * ? [a] {b} # ~ !'])(
    '%s is output whole, without a warning',
    async name => {
      const app = await serve()
      sandbox.failNext(faults.pass(), bot(name))
      const result = await runFor(app, { 'check-bot': 'true' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['app-name']).toBe(name)
      expect(result.warnings).toEqual([])
    }
  )
})

describe('2. characters that hide, decided by Unicode property', () => {
  it.each([
    ['a soft hyphen', 'Re\u00adlease'],
    ['a Hangul filler', 'Release\u3164'],
    ['a halfwidth Hangul filler', 'Release\uffa0'],
    ['the Mongolian vowel separator', 'Re\u180elease'],
    ['a variation selector', 'Release\ufe00'],
    ['a tag character', 'Release\u{E0041}\u{E0042}'],
    ['a private-use character', 'Release\ue000']
  ])('%s never reaches app-name, and shows as an escape in the log and the summary', async (_what, name) => {
    const app = await serve()
    sandbox.failNext(faults.pass(), bot(name))
    const result = await runFor(app, { 'check-bot': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['app-name']).toBe('Release')
    const log = result.lines.find(line => line.startsWith('The app is enabled'))!
    expect(log).toMatch(/\\u(\{E00[0-9A-F]{2}\}|[0-9A-F]{4})/)
    const hidden = /\u00ad|\u3164|\uffa0|\u180e|\ufe00|\ue000|\u{E0041}/u
    expect(log).not.toMatch(hidden)
    expect(result.summary).not.toMatch(hidden)
  })

  it.each([
    ['a soft hyphen', 'cli_a1b2c3d4\u00ade5f60718', '\\u00AD'],
    ['a tag character', 'cli_a1b2c3d4e5f60718\u{E0041}', '\\u{E0041}'],
    ['a variation selector', 'cli_a1b2c3d4e5f60718\ufe0f', '\\uFE0F']
  ])('an input with %s is refused before any request, naming the character', async (_what, appId, shown) => {
    const app = await serve()
    const result = await runAction({ inputs: { 'app-id': appId, 'app-secret': app.appSecret, 'base-url': sandbox.url } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `Input 'app-id' contains a line break, control character or invisible formatting character (${shown}): give it on one line, as plain text.`
    ])
    expect(sandbox.requests).toEqual([])
  })
})

describe('3. scope_type in any case; an unknown one is neither granted nor dropped', () => {
  const scope = (scope_name: string, grant_status: number, scope_type: string): SandboxScope =>
    ({ scope_name, grant_status, scope_type }) as SandboxScope

  it('a required scope granted under Tenant is granted', async () => {
    const app = await serve({ scopes: [scope('im:message', 1, 'Tenant')] })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['granted-scopes']).toBe('["im:message"]')
  })

  it('the least-privilege audit fails closed: extra scopes under TENANT and under an unknown type count', async () => {
    const app = await serve({
      scopes: [scope('im:message', 1, 'tenant'), scope('drive:drive', 1, 'TENANT'), scope('docx:document', 1, 'app')]
    })
    const result = await runFor(app, { 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['unexpected-scopes']).toBe('["docx:document","drive:drive"]')
    expect(result.errors[0]).toMatch(/^2 scopes are configured on app .* but not in 'required-scopes'/)
  })

  it('a required scope listed only under an unknown type is missing, in its own words, and a warning names the type once', async () => {
    const app = await serve({ scopes: [scope('im:message', 1, 'app'), scope('drive:drive', 1, 'app'), scope('docx:document', 1, '')] })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
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

describe('4. a token too short to be one is refused, never masked', () => {
  it.each(['e', 'test', 't-0123456789abc'])('%j: a malformed answer; the log keeps its letters and spaces', async token => {
    const app = await serve()
    sandbox.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 }))
    const result = await runFor(app, {})
    expect(result.exitCode).toBe(1)
    expect(result.commands.filter(([command]) => command === 'add-mask')).toEqual([['add-mask', app.appSecret]])
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not get a tenant access token: the server at 127\\.0\\.0\\.1:\\d+ answered code 0 but 'tenant_access_token' is ${token.length} characters long, fewer than any token has \\(16\\), so the answer cannot be used\\.`
        )
      )
    ])
    expect(result.outputs).toEqual({})
  })

  it('a token of one space is refused as not a token, and every space of the error stays a space', async () => {
    const app = await serve()
    sandbox.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: ' ', expire: 7200 }))
    const result = await runFor(app, {})
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the server at .* answered code 0 but 'tenant_access_token' has characters/
    )
    expect(result.errors[0]).not.toContain('***')
  })
})

describe('5. the outputs budget, counted as UTF-8 or UTF-16, whichever is more', () => {
  it('ASCII scope names: the outputs stay within 512 KiB counted at 2 bytes a character', async () => {
    // About 600,000 characters of scope names, all granted for the app: more than fits.
    const many: SandboxScope[] = Array.from({ length: 9000 }, (_, n) => ({
      scope_name: `drive:a_scope_name_long_enough_to_fill_${String(n).padStart(6, '0')}`,
      grant_status: 1,
      scope_type: 'tenant'
    }))
    const app = await serve({ scopes: [...many, { scope_name: 'im:message', grant_status: 1 }] })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(0)
    const utf16 = Object.entries(result.outputs).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0)
    expect(utf16).toBeLessThanOrEqual(512 * 1024)
    expect(utf16).toBeGreaterThan(400 * 1024)
    expect(result.warnings).toContainEqual(expect.stringMatching(/^The 'granted-scopes' output holds the first \d+ of its 9001 scopes/))
  })
})

describe('6. part of a secret, echoed, is redacted too', () => {
  it('the secret but its first character, in a msg: any 8 characters of it in a row become ***', async () => {
    const app = await serve()
    sandbox.failNext(
      faults.json(200, { code: 10014, msg: `app secret invalid: got ${app.appSecret.slice(1)} (or ${app.appSecret.slice(3, 12)})` })
    )
    const result = await runFor(app, {})
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "app secret invalid: got *** (or ***)"')
  })

  it('part of the token, echoed by a later call, in the error and the summary', async () => {
    const app = await serve()
    // The echo needs the token: a fault that answers with part of the one the sandbox issued.
    sandbox.failNext(faults.pass(), (req, res) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')![1]!
      faults.json(400, { code: 99991663, msg: `token ${token.slice(2, 17)} is invalid` })(req, res)
    })
    const result = await runFor(app, { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "token *** is invalid"')
  })
})
