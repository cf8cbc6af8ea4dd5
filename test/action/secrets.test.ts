// Secrets, as the runner sees them: the built bundle, run as the runner runs it, against the sandbox. The token is
// masked the moment its answer is parsed, before any line about that answer; a secret a server echoes, even in part,
// past a cut or beside Markdown, is redacted; debug mode prints nothing secret. Every run here, as every run of the
// bundle in these tests, is also scanned for leaks (test/support/action.ts).
import { TEST_APP, faults } from '../../harness/sandbox.js'
import { runBundle, servers } from '../support/action.js'

it('prints nothing secret in debug mode', async () => {
  const result = await runBundle({
    sandbox: await servers.sandbox(),
    inputs: { 'required-scopes': 'im:message' },
    env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }
  })
  expect(result.exitCode).toBe(0)
  expect(result.commands.filter(([c]) => c === 'debug').length).toBeGreaterThanOrEqual(2)
})

describe('the token is masked the moment it is parsed, before any line about its answer', () => {
  const TOKEN = 't-5e1f0a9c3b7d2e4f6a8c0b1d3e5f7a9c'
  it.each([
    ['a log id header that is the token', { 'x-tt-logid': TOKEN }],
    ['a log id header that ends with the token past the 200-character cut', { 'x-tt-logid': `${'L'.repeat(190)}${TOKEN}` }],
    ['a request id header that is the token', { 'x-request-id': TOKEN }]
  ])('%s: masked first, then printed as ***', async (_what, headers) => {
    const sandbox = await servers.sandbox()
    sandbox.failNext((_req, res) => {
      res.removeHeader('x-tt-logid')
      faults.json(200, { code: 0, msg: 'ok', tenant_access_token: TOKEN, expire: 7200 }, headers)(_req, res)
    })
    const result = await runBundle({ sandbox, env: { RUNNER_DEBUG: '1' }, secrets: [TOKEN] })
    expect(result.exitCode).toBe(0)
    const { lines } = result
    const masked = lines.indexOf(`::add-mask::${TOKEN}`)
    const debugLine = lines.findIndex(line => line.startsWith('::debug::POST '))
    expect(masked).toBeGreaterThan(-1)
    expect(debugLine).toBeGreaterThan(masked)
    expect(lines[debugLine]).toMatch(/log id (L+)?\*\*\*$/)
  })
})

describe('a secret a server echoes is redacted, even in part', () => {
  it('the App Secret past the cut of a msg and a log id, with the runner masking too', async () => {
    const secret = 'SECRET|with`tick0123456789abcdef'
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.json(400, { code: 99999, msg: `${'x'.repeat(190)}${secret}` }, { 'x-tt-logid': `${'L'.repeat(190)}${secret}` }))
    const result = await runBundle({ sandbox, inputs: { 'app-secret': secret }, env: { RUNNER_DEBUG: '1' }, secrets: [secret] })
    expect(result.exitCode).toBe(1)
  })

  it('the secret but its first character, in a msg: any 8 characters of it in a row become ***', async () => {
    const sandbox = await servers.sandbox()
    const { appSecret } = TEST_APP
    sandbox.failNext(faults.json(200, { code: 10014, msg: `app secret invalid: got ${appSecret.slice(1)} (or ${appSecret.slice(3, 12)})` }))
    const result = await runBundle({ sandbox, env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "app secret invalid: got *** (or ***)"')
  })

  it('part of the token, echoed by a later call, in the error and the summary', async () => {
    const sandbox = await servers.sandbox()
    // The echo needs the token: a fault that answers with part of the one the sandbox issued.
    sandbox.failNext(faults.pass(), (req, res) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')![1]!
      faults.json(400, { code: 99991663, msg: `token ${token.slice(2, 17)} is invalid` })(req, res)
    })
    const result = await runBundle({ sandbox, inputs: { 'required-scopes': 'im:message' }, env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "token *** is invalid"')
  })
})
