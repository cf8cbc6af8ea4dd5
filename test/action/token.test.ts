// The token, as the runner sees it: the built bundle, run as the runner runs it (Node 24, as action.yml declares),
// against the sandbox. Issued, masked and output; handed to later steps and to lark-cli (export-env); the words of
// each Feishu error on the token call; answers that are hostile or broken; and the token rule (test/support/tokens.ts)
// on the cases a runner would show.
import { TEST_APP, faults } from '../../harness/sandbox.js'
import { expectFailure, runBundle, servers } from '../support/action.js'
import { REFUSALS, type Refusal, TOKEN_CASES } from '../support/tokens.js'

describe("the requests the API answered, which count against the tenant's monthly quota", () => {
  it('are counted, retries included: the last line of the log and a row of the summary', async () => {
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.pass(), faults.json(503, { code: 1, msg: 'busy' }))
    const result = await runBundle({ sandbox, inputs: { 'required-scopes': 'im:message', 'check-bot': 'true', 'max-attempts': '2' } })
    expect(result.exitCode).toBe(0)
    expect(sandbox.requests).toHaveLength(4)
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      "The Open Platform API answered 4 requests of this run; API calls count against the tenant's monthly quota."
    )
    expect(result.summary).toContain("| API calls | 4 answered (API calls count against the tenant's monthly quota) |")
  })

  it.each([
    ['an input error', { region: 'china' }],
    ['a refused connection', { 'base-url': 'http://127.0.0.1:9', 'max-attempts': '1' }]
  ])('%s: nothing reached the API, and nothing is said of calls', async (_what, inputs) => {
    const result = await runBundle({ sandbox: await servers.sandbox(), inputs })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).not.toContain('answered')
    expect(result.summary).not.toContain('API calls')
  })
})

describe('issuing the token', () => {
  it.each([
    ['feishu', 'open.feishu.cn'],
    ['LARK', 'open.larksuite.com']
  ])('region %s: gets a token from https://%s, masks it and writes the outputs', async (region, host) => {
    const hosts = await servers.publicHosts()
    const result = await runBundle({ publicHosts: hosts, inputs: { region } })
    const [token] = hosts.sandbox.issuedTokens()
    expect(result.exitCode).toBe(0)
    expect(hosts.proxy.tunnels).toEqual([`${host}:443`])
    expect(result.outputs).toEqual({
      token,
      'expires-in': '7200',
      'expires-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'base-url': `https://${host}`
    })
    const masks = result.commands.filter(([c]) => c === 'add-mask').map(([, value]) => value)
    expect(masks).toEqual([TEST_APP.appSecret, token])
    expect(result.lines[0]).toBe(`::add-mask::${TEST_APP.appSecret}`)
  })
})

describe('the hand-off to later steps and to lark-cli (export-env)', () => {
  it('exports the token and base URL to later steps when asked', async () => {
    const feishu = await servers.sandbox()
    const result = await runBundle({ sandbox: feishu, inputs: { 'export-env': 'true' } })
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({ FEISHU_TENANT_ACCESS_TOKEN: feishu.issuedTokens()[0], FEISHU_BASE_URL: feishu.url })
  })

  it('writes no env file entries by default', async () => {
    const result = await runBundle({ sandbox: await servers.sandbox() })
    expect(result.exitCode).toBe(0)
    expect(result.files.env).toBe('')
    expect(result.summary).toContain('✅ Token issued')
  })

  it.each([
    ['feishu', 'open.feishu.cn'],
    ['lark', 'open.larksuite.com']
  ])("region %s: exports the variables lark-cli reads, as the app's bot", async (region, host) => {
    const hosts = await servers.publicHosts()
    const result = await runBundle({ publicHosts: hosts, inputs: { region, 'export-env': 'true' } })
    const issued = hosts.sandbox.issuedTokens()[0]
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({
      FEISHU_TENANT_ACCESS_TOKEN: issued,
      FEISHU_BASE_URL: `https://${host}`,
      LARKSUITE_CLI_APP_ID: TEST_APP.appId,
      LARKSUITE_CLI_TENANT_ACCESS_TOKEN: issued,
      LARKSUITE_CLI_BRAND: region
    })
  })

  it('a custom base-url: only FEISHU_*, and the log says why', async () => {
    const result = await runBundle({ sandbox: await servers.sandbox(), inputs: { 'export-env': 'true' } })
    expect(Object.keys(result.env).sort()).toEqual(['FEISHU_BASE_URL', 'FEISHU_TENANT_ACCESS_TOKEN'])
    expect(result.stdout).toContain("not the LARKSUITE_CLI_* variables: lark-cli cannot follow a custom 'base-url'")
  })
})

describe('Feishu errors on the token call: code, meaning, what to do, log id; never retried', () => {
  it('wrong App Secret (10014)', async () => {
    const feishu = await servers.sandbox()
    const result = await runBundle({
      sandbox: feishu,
      inputs: { 'app-secret': 'WrongWrongWrongWrongWrongWrong00' },
      secrets: ['WrongWrongWrongWrongWrongWrong00']
    })
    expectFailure(
      result,
      /^Could not get a tenant access token: the App Secret is wrong for this App ID\..*code 10014, msg "app secret invalid", HTTP 200, log id 2026112500000001SANDBOX\)$/
    )
    expect(feishu.requests).toHaveLength(1)
  })

  it('unknown App ID (10014 app id not exists) names the other region', async () => {
    const result = await runBundle({ publicHosts: await servers.publicHosts({ apps: [] }), inputs: { region: 'lark' } })
    expectFailure(result, /no app with this App ID exists on Lark.*set `region: feishu` \(https:\/\/open\.feishu\.cn\).*code 10014/)
  })

  it('an answer with no numeric code says so, not "answered code 0"', async () => {
    const feishu = await servers.sandbox()
    feishu.failNext(faults.json(200, { msg: 'ok', tenant_access_token: 't-abc', expire: 7200 }))
    const result = await runBundle({ sandbox: feishu })
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not get a tenant access token: the server at .* answered with JSON that has no numeric 'code', so it is not an Open Platform answer/
      )
    ])
    expect(result.errors[0]).not.toContain('code 0')
  })

  it('99991401 on the token call does not say the token was issued', async () => {
    const feishu = await servers.sandbox()
    feishu.failNext(faults.json(400, { code: 99991401, msg: 'ip not allowed' }))
    const result = await runBundle({ sandbox: feishu })
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: this runner's public IP address is not on the app's IP allowlist\. GitHub-hosted runners/
    )
    expect(result.errors[0]).not.toContain('which is why a token was issued')
  })
})

describe('hostile or broken answers: one clear error, exit 1, nothing echoed, even in debug mode', () => {
  const debug = { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }
  it.each([
    ['an empty body', faults.text(200, '', 'application/json'), /an empty body/],
    ['truncated JSON', faults.text(200, '{"code":0,"tenant_access_token":"t-ECHO', 'application/json'), /not JSON/],
    ['invalid JSON', faults.text(200, "{code: 0, 'ECHO'}", 'application/json'), /not JSON/],
    ['no token', faults.json(200, { code: 0, msg: 'ok ECHO', expire: 7200 }), /'tenant_access_token' is missing/],
    [
      'expire as a string',
      faults.json(200, { code: 0, tenant_access_token: 't-ECHO0123456789abcdef', expire: '7200' }),
      /'expire' is missing or not a positive/
    ],
    [
      'a negative expire',
      faults.json(200, { code: 0, tenant_access_token: 't-ECHO0123456789abcdef', expire: -1 }),
      /'expire' is missing or not a positive/
    ],
    ['an oversized body', faults.huge(8 * 1024 * 1024), /larger than 1 MiB/],
    ['a connection closed mid-body', faults.truncate(), /closed before the whole answer arrived/]
  ])('%s', async (_what, fault, words) => {
    const feishu = await servers.sandbox()
    // Every transient one comes back on each attempt.
    feishu.failNext(fault, fault)
    const result = await runBundle({ sandbox: feishu, inputs: { 'max-attempts': '2' }, env: debug })
    expectFailure(result, words)
    // A token-shaped value is masked the moment it is parsed: the mask command is the one place it may stand.
    const printed = result.lines.filter(line => !line.startsWith('::add-mask::'))
    expect(printed.join('\n') + result.summary).not.toContain('ECHO')
    expect(result.commands.some(([c]) => c === 'debug')).toBe(true)
  })

  it('HTML instead of JSON: says what arrived, never echoes it', async () => {
    const feishu = await servers.sandbox()
    feishu.failNext(faults.text(200, '<html><body>Proxy login required: SENTINEL</body></html>'))
    const result = await runBundle({ sandbox: feishu })
    expectFailure(result, /not JSON \(content type "text\/html; charset=utf-8"\).*HTTP 200/)
    expect(result.stdout).not.toContain('SENTINEL')
  })
})

describe('the token rule, as the runner sees it: a token that breaks it is refused, never masked, exported or output', () => {
  const runner = TOKEN_CASES.filter(c => c.runner)
  const refusedFor = (refusal: Refusal) => runner.filter(c => c.refused === refusal)

  /** A run in debug mode, exporting the token, whose token call is answered with `token`. */
  async function answeredWith(token: unknown) {
    const feishu = await servers.sandbox()
    feishu.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 }))
    return runBundle({ sandbox: feishu, inputs: { 'export-env': 'true' }, env: { RUNNER_DEBUG: '1' } })
  }

  /** Refused in the rule's words; nothing masked but the App Secret, nothing output or exported, no *** in the error. */
  function expectRefused(result: Awaited<ReturnType<typeof answeredWith>>, refusal: Refusal): void {
    const rule = REFUSALS[refusal].source.replace(/^\^|\$$/g, '')
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^Could not get a tenant access token: the server at 127\\.0\\.0\\.1:\\d+ answered code 0 but ${rule}`)
      )
    ])
    expect(result.outputs).toEqual({})
    expect(result.files.env).toBe('')
    expect(result.commands.filter(([command]) => command === 'add-mask')).toEqual([['add-mask', TEST_APP.appSecret]])
    expect(result.errors[0]).not.toContain('***')
  }

  it.each(refusedFor('characters').filter(c => c.token !== ' '))('$what: refused, and never echoed', async ({ token }) => {
    const result = await answeredWith(token)
    expectRefused(result, 'characters')
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: .*'tenant_access_token' has characters a token cannot have \(a Bearer token holds only letters, digits, - \. _ ~ \+ \/ and a trailing =\)/
    )
    expect(result.stdout + result.summary).not.toContain((token as string).slice(2))
  })

  it('one space: refused as not a token, and every space of the error stays a space', async () => {
    expectRefused(await answeredWith(' '), 'characters')
  })

  it.each(refusedFor('short'))(
    '$what, too short to be a token: refused, and the log keeps its letters (never masked)',
    async ({ token }) => {
      const result = await answeredWith(token)
      expectRefused(result, 'short')
      expect(result.errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Could not get a tenant access token: the server at 127\\.0\\.0\\.1:\\d+ answered code 0 but 'tenant_access_token' is ${(token as string).length} characters? long, fewer than any token has \\(16\\), so the answer cannot be used\\.`
          )
        )
      ])
    }
  )

  it.each(runner.filter(c => !c.refused))('takes a token of $what', async ({ token }) => {
    const feishu = await servers.sandbox()
    feishu.failNext(faults.json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 }))
    const result = await runBundle({ sandbox: feishu })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.token).toBe(token)
  })
})
