// The built bundle, run as the runner runs it (Node 24, as action.yml declares), against the sandbox.
import { startConnectProxy } from '../harness/connect-proxy.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import { findLeaks } from './support/leaks.js'
import { NODE24, versionOf } from '../harness/runtimes.js'
import { type Sandbox, TEST_APP, TEST_CA_FILE, faults, startSandbox } from '../harness/sandbox.js'

const creds = { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret }

it('has the Node 24 runtime that action.yml declares, and the tests run on it', () => {
  expect(versionOf(NODE24)).toMatch(/^v24\./)
  expect(process.version).toMatch(/^v24\./)
})

describe('the bundle', () => {
  const node = NODE24
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    await sandbox.close()
  })

  const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAction({ node, inputs: { ...creds, 'base-url': sandbox.url, ...inputs }, env })

  /** Nothing but the mask command, the token output and an asked-for env export may hold a secret. */
  function expectNoLeaks(result: RunResult, ...more: Sandbox[]): void {
    const tokens = [sandbox, ...more].flatMap(s => s.issuedTokens())
    expect(findLeaks(result, [TEST_APP.appSecret, ...tokens])).toEqual([])
  }

  function expectFailure(result: RunResult, words: RegExp): void {
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(words)
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/)
    expectNoLeaks(result)
  }

  describe.each([
    ['feishu', 'open.feishu.cn'],
    ['LARK', 'open.larksuite.com']
  ])('region %s', (region, host) => {
    it(`gets a token from https://${host}, masks it and writes the outputs`, async () => {
      const tls = await startSandbox({ tls: true })
      const proxy = await startConnectProxy({ host: '127.0.0.1', port: tls.port })
      const result = await runAction({
        node,
        inputs: { ...creds, region },
        env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
      })
      const [token] = tls.issuedTokens()
      expect(result.exitCode).toBe(0)
      expect(proxy.tunnels).toEqual([`${host}:443`])
      expect(result.outputs).toEqual({
        token,
        'expires-in': '7200',
        'expires-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        'base-url': `https://${host}`
      })
      const masks = result.commands.filter(([c]) => c === 'add-mask').map(([, value]) => value)
      expect(masks).toEqual([TEST_APP.appSecret, token])
      expect(result.lines[0]).toBe(`::add-mask::${TEST_APP.appSecret}`)
      expect(findLeaks(result, [TEST_APP.appSecret, token!])).toEqual([])
      await proxy.close()
      await tls.close()
    })
  })

  it('exports the token and base URL to later steps when asked', async () => {
    const result = await run({ 'export-env': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({ FEISHU_TENANT_ACCESS_TOKEN: sandbox.issuedTokens()[0], FEISHU_BASE_URL: sandbox.url })
    expectNoLeaks(result)
  })

  it('writes no env file entries by default', async () => {
    const result = await run({})
    expect(result.exitCode).toBe(0)
    expect(result.files.env).toBe('')
    expect(result.summary).toContain('✅ Token issued')
  })

  it('prints nothing secret in debug mode', async () => {
    const result = await run({ 'required-scopes': 'im:message' }, { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.commands.filter(([c]) => c === 'debug').length).toBeGreaterThanOrEqual(2)
    expectNoLeaks(result)
  })

  describe('bad input: an error that names the input, and no request', () => {
    it.each([
      [{ 'app-secret': '' }, /^Input 'app-secret' is empty.*forks or by Dependabot/],
      [{ 'app-id': '' }, /^Input 'app-id' is empty/],
      [{ region: 'china' }, /^Input 'region' is "china": use 'feishu'.*or 'lark'/],
      [{ 'base-url': 'http://open.feishu.cn' }, /^Input 'base-url' .*plain http:\/\//],
      [{ 'required-scopes': 'im:message;bitable:app' }, /^Input 'required-scopes'/],
      [{ 'timeout-seconds': 'ten' }, /^Input 'timeout-seconds'/]
    ])('%j', async (inputs, words) => {
      const result = await run(inputs)
      expectFailure(result, words)
      expect(sandbox.requests).toHaveLength(0)
    })

    it('warns about an odd App ID and still asks the server, which decides', async () => {
      const result = await run({ 'app-id': 'cli_short' })
      expect(result.warnings).toEqual([expect.stringMatching(/Input 'app-id'/)])
      expectFailure(result, /App ID is missing, malformed or unknown.*code 10003/)
      expect(sandbox.requests).toHaveLength(1)
    })
  })

  describe('Feishu errors: code, meaning, what to do, log id; never retried', () => {
    it('wrong App Secret (10014)', async () => {
      const result = await run({ 'app-secret': 'WrongWrongWrongWrongWrongWrong00' })
      expectFailure(
        result,
        /^Could not get a tenant access token: the App Secret is wrong for this App ID\..*code 10014, msg "app secret invalid", HTTP 200, log id 2026112500000001SANDBOX\)$/
      )
      expect(sandbox.requests).toHaveLength(1)
      expect(findLeaks(result, ['WrongWrongWrongWrongWrongWrong00'])).toEqual([])
    })

    it('unknown App ID (10014 app id not exists) names the other region', async () => {
      const tls = await startSandbox({ tls: true, apps: [] })
      const proxy = await startConnectProxy({ host: '127.0.0.1', port: tls.port })
      const result = await runAction({
        node,
        inputs: { ...creds, region: 'lark' },
        env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
      })
      expectFailure(result, /no app with this App ID exists on Lark.*set `region: feishu` \(https:\/\/open\.feishu\.cn\).*code 10014/)
      await proxy.close()
      await tls.close()
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
      // Every transient one comes back on each attempt.
      sandbox.failNext(fault, fault)
      const result = await run({ 'max-attempts': '2' }, debug)
      expectFailure(result, words)
      // A token-shaped value is masked the moment it is parsed: the mask command is the one place it may stand.
      const printed = result.lines.filter(line => !line.startsWith('::add-mask::'))
      expect(printed.join('\n') + result.summary).not.toContain('ECHO')
      expect(result.commands.some(([c]) => c === 'debug')).toBe(true)
    })

    it('scopes that are not a list', async () => {
      sandbox.failNext(
        faults.json(200, { code: 0, msg: 'ok', tenant_access_token: 't-0123456789abcdef', expire: 7200 }),
        faults.json(200, { code: 0, data: { scopes: 'im:message' } })
      )
      const result = await run({ 'required-scopes': 'im:message' }, debug)
      expectFailure(result, /^Could not list the app's scopes: .*'data\.scopes' is missing or not a list/)
      expect(findLeaks(result, ['t-0123456789abcdef'])).toEqual([])
    })
  })

  it('a Lark app whose token the Feishu host issued fails at the scopes call, naming Lark', async () => {
    const tls = await startSandbox({ tls: true, apps: [{ ...TEST_APP, otherRegion: true }] })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: tls.port })
    const result = await runAction({
      node,
      inputs: { ...creds, 'required-scopes': 'im:message' },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Could not list the app's scopes: the app belongs to the other region.*set `region: lark` \(https:\/\/open\.larksuite\.com\).*code 1000040351/
      )
    ])
    expect(findLeaks(result, [TEST_APP.appSecret, ...tls.issuedTokens()])).toEqual([])
    await proxy.close()
    await tls.close()
  })

  describe('broken answers and networks', () => {
    it('HTML instead of JSON: says what arrived, never echoes it', async () => {
      sandbox.failNext(faults.text(200, '<html><body>Proxy login required: SENTINEL</body></html>'))
      const result = await run({})
      expectFailure(result, /not JSON \(content type "text\/html; charset=utf-8"\).*HTTP 200/)
      expect(result.stdout).not.toContain('SENTINEL')
    })

    it('an HTTP 5xx, retried until max-attempts', async () => {
      sandbox.failNext(faults.json(502, { message: 'bad gateway' }), faults.json(502, { message: 'bad gateway' }))
      const result = await run({ 'max-attempts': '2' })
      expectFailure(result, /HTTP 502 without an Open Platform error code/)
      expect(result.stdout).toMatch(/Attempt 1 of 2 failed: HTTP 502, log id \w+\. Retrying in \d\.\d s\./)
      expect(sandbox.requests).toHaveLength(2)
    })

    it('a redirect is not followed and its host is named', async () => {
      const other = await startSandbox()
      sandbox.failNext(faults.redirect(`${other.url}/open-apis/auth/v3/tenant_access_token/internal`))
      const result = await run({})
      expectFailure(result, new RegExp(`redirect to 127\\.0\\.0\\.1:${other.port}.*never follows redirects.*HTTP 302`))
      expect(other.requests).toHaveLength(0)
      await other.close()
    })

    it('a refused connection', async () => {
      const result = await runAction({ node, inputs: { ...creds, 'base-url': 'http://127.0.0.1:9', 'max-attempts': '1' } })
      expectFailure(result, /connection was refused while connecting to 127\.0\.0\.1:9.*\(ECONNREFUSED\)/)
    })

    it('a host that does not resolve', async () => {
      const result = await runAction({
        node,
        inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1', 'timeout-seconds': '10' }
      })
      expectFailure(result, /could not be resolved.*feishu-sandbox\.invalid/)
    })

    it('a certificate that cannot be verified', async () => {
      const tls = await startSandbox({ tls: true })
      const result = await runAction({ node, inputs: { ...creds, 'base-url': `https://localhost:${tls.port}` } })
      expectFailure(result, /TLS certificate of localhost:\d+ is signed by a CA this runner does not trust.*NODE_EXTRA_CA_CERTS/)
      expect(tls.requests).toHaveLength(0)
      await tls.close()
    })

    it('a server that never answers fails within timeout-seconds, and the process exits', async () => {
      sandbox.failNext(faults.hang())
      const result = await run({ 'timeout-seconds': '1' })
      expectFailure(result, /did not answer within 1 s, the deadline set by 'timeout-seconds'/)
      expect(result.durationMs).toBeLessThan(5000)
    })
  })

  describe('scope gate', () => {
    it('passes with every scope granted, and writes outputs and summary', async () => {
      const result = await run({ 'required-scopes': 'im:message\n  im:message:send_as_bot\n' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['missing-scopes']).toBe('[]')
      expect(JSON.parse(result.outputs['granted-scopes']!)).toContain('im:message')
      expect(result.summary).toContain('| `im:message:send_as_bot` | ✅ granted |')
      expect(sandbox.connectionCount()).toBe(1)
      expectNoLeaks(result)
    })

    it('fails with the missing scope, its reason and the grant link', async () => {
      const result = await run({ 'required-scopes': 'im:message, bitable:app' })
      expectFailure(
        result,
        /1 of 2 required scopes is missing.*\n- bitable:app: configured on the app but not granted.*\nGrant them in one click: http:\/\/127\.0\.0\.1:\d+\/app\/cli_a1b2c3d4e5f60718\/auth\?q=bitable:app&op_from=openapi&token_type=tenant$/s
      )
      expect(result.outputs['missing-scopes']).toBe('["bitable:app"]')
      expect(result.summary).toContain('❌ Required scopes missing')
    })

    it('warns and passes with on-missing-scopes: warn', async () => {
      const result = await run({ 'required-scopes': 'docx:document', 'on-missing-scopes': 'warn' })
      expect(result.exitCode).toBe(0)
      expect(result.errors).toEqual([])
      expect(result.warnings).toEqual([expect.stringMatching(/- docx:document: not configured on the app/)])
      expectNoLeaks(result)
    })

    it('the app is not installed (212100)', async () => {
      await sandbox.close()
      sandbox = await startSandbox({ apps: [{ ...TEST_APP, installed: false }] })
      const result = await run({ 'required-scopes': 'im:message' })
      expectFailure(result, /not installed or not enabled in the tenant.*code 212100, msg "app not install", HTTP 400/)
    })
  })
})
