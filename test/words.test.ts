// Words for the people who read them: readable Chinese, advice that fits what happened. The built bundle, run as the
// runner runs it (set ACTION_BUNDLE to run these against another build), unless a test says otherwise.
import MarkdownIt from 'markdown-it'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import { type Sandbox, type SandboxApp, TEST_APP, TEST_CA_FILE, faults, startSandbox } from '../harness/sandbox.js'
import { findLeaks } from './support/leaks.js'

const closing: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  for (const server of closing.splice(0).reverse()) await server.close()
})
async function serve(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  closing.push(sandbox)
  return sandbox
}
const creds = { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret }
async function runFor(sandbox: Sandbox, inputs: Record<string, string>, env: Record<string, string> = {}, app: SandboxApp = TEST_APP) {
  const result = await runAction({ inputs: { 'app-id': app.appId, 'app-secret': app.appSecret, 'base-url': sandbox.url, ...inputs }, env })
  expect(findLeaks(result, [app.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  return result
}
const md = new MarkdownIt({ html: true, linkify: true })

describe('1. every script as itself', () => {
  it("Feishu's Chinese msg reaches the error annotation and the summary readable; only what hides is escaped", async () => {
    const sandbox = await serve()
    sandbox.failNext(faults.json(400, { code: 99999, msg: '应用不存在\u202e，请检查 app_id 🚫' }))
    const result = await runFor(sandbox, {})
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "应用不存在\\u202E，请检查 app_id 🚫"')
    expect(result.summary).toContain('msg "应用不存在\\u202E，请检查 app_id 🚫"')
    expect(result.stdout + result.summary).not.toMatch(/\\u5e94|\\u\{?5E94/i)
  })
})

describe("2. the console in the user's language", () => {
  it.each([
    ['feishu', /Permissions & Scopes \(权限管理\) page.*Version Management & Release \(版本管理与发布\) page/],
    [
      'lark',
      /Permissions & Scopes page \(https:\/\/open\.larksuite\.com\/app\/cli_\w+\/auth\), then publish a version on the app's Version Management & Release page/
    ]
  ])('region %s', async (region, words) => {
    // The public hosts, reached through a proxy that tunnels every host to the sandbox.
    const sandbox = await serve({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
    closing.push(proxy)
    const result = await runAction({
      inputs: { ...creds, region, 'required-scopes': 'docx:document' },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(words)
    if (region === 'lark') expect(result.errors[0]).not.toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('3. NO_PROXY is named', () => {
  it('a failed direct connection says which entry of NO_PROXY sent the host direct; the route is a debug line', async () => {
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost, .invalid', RUNNER_DEBUG: '1' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the host name could not be resolved \(DNS\) while connecting to feishu-sandbox\.invalid\. The request went direct, not through the proxy of HTTPS_PROXY, because the entry "\.invalid" of NO_PROXY matches feishu-sandbox\.invalid: if this runner reaches feishu-sandbox\.invalid only through the proxy, take that entry out of NO_PROXY\./
    )
    expect(result.errors[0]).not.toContain('set HTTPS_PROXY')
    expect(result.commands).toContainEqual([
      'debug',
      'Requests to feishu-sandbox.invalid go direct, not through the proxy of HTTPS_PROXY: the entry ".invalid" of NO_PROXY matches it.'
    ])
  })

  it('without a proxy variable, the advice is to set one; the route says why it went direct', async () => {
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(result.errors[0]).toMatch(/behind a corporate proxy, set HTTPS_PROXY in the job's env:/)
    expect(result.commands).toContainEqual(['debug', 'Requests to feishu-sandbox.invalid go direct: HTTPS_PROXY is not set.'])
  })

  it('HTTP_PROXY alone does not apply to https:// requests, and the route says so', async () => {
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://feishu-sandbox.invalid', 'max-attempts': '1' },
      env: { RUNNER_DEBUG: '1', HTTP_PROXY: 'http://127.0.0.1:9' }
    })
    expect(result.commands).toContainEqual([
      'debug',
      'Requests to feishu-sandbox.invalid go direct: HTTPS_PROXY is not set (HTTP_PROXY is, but it is for http:// requests).'
    ])
  })

  it('through a proxy, the route names it', async () => {
    const sandbox = await serve({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
    closing.push(proxy)
    const result = await runAction({
      inputs: creds,
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE, RUNNER_DEBUG: '1' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.commands).toContainEqual([
      'debug',
      `Requests to open.feishu.cn go through the proxy 127.0.0.1:${proxy.port} (from HTTPS_PROXY).`
    ])
  })
})

describe('4. each TLS failure in its own words', () => {
  it('a certificate that is trusted but does not name the host: not the CA advice', async () => {
    const sandbox = await serve({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
    closing.push(proxy)
    const result = await runAction({
      inputs: { ...creds, 'base-url': 'https://api.example.net', 'max-attempts': '1' },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the TLS certificate api\.example\.net presented is trusted but does not name api\.example\.net.*Check that 'base-url' uses the host name the server's certificate is issued for.*Adding a CA \(NODE_EXTRA_CA_CERTS\) cannot fix a name mismatch\. \(ERR_TLS_CERT_ALTNAME_INVALID\)$/
    )
  })

  it('a certificate of a CA the runner does not trust: NODE_EXTRA_CA_CERTS', async () => {
    const sandbox = await serve({ tls: true })
    const result = await runAction({ inputs: { ...creds, 'base-url': `https://localhost:${sandbox.port}` } })
    expect(result.errors[0]).toMatch(
      /is signed by a CA this runner does not trust\. If a proxy on this runner intercepts TLS.*NODE_EXTRA_CA_CERTS/
    )
  })
})

describe('5. underscore inputs', () => {
  it.each([
    [
      'app_id',
      { INPUT_APP_ID: TEST_APP.appId },
      { 'app-id': '' },
      "You passed 'app_id'; this action's input is 'app-id', with a hyphen: rename it under the step's 'with:'."
    ],
    [
      'app_secret',
      { INPUT_APP_SECRET: TEST_APP.appSecret },
      { 'app-secret': '' },
      "You passed 'app_secret'; this action's input is 'app-secret'"
    ],
    [
      'required_scopes',
      { INPUT_REQUIRED_SCOPES: 'im:message' },
      {},
      "You passed 'required_scopes'; this action's input is 'required-scopes'"
    ],
    [
      'on_missing_scopes',
      { INPUT_ON_MISSING_SCOPES: 'warn' },
      {},
      "You passed 'on_missing_scopes'; this action's input is 'on-missing-scopes'"
    ]
  ])('%s is named, and the empty input is not blamed on forks', async (_name, env, inputs, words) => {
    const sandbox = await serve()
    const result = await runAction({ inputs: { ...creds, 'base-url': sandbox.url, ...inputs }, env })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain(words)
    expect(result.errors[0]).not.toContain('Dependabot')
    expect(sandbox.requests).toEqual([])
  })
})

describe('6. an empty input, on a runner and off it', () => {
  it('on a runner, an empty app-id points at vars (as the README recommends) and names forks and Dependabot for secrets', async () => {
    const result = await runAction({ inputs: { 'app-secret': TEST_APP.appSecret } })
    expect(result.errors[0]).toMatch(
      /^Input 'app-id' is empty: .*`app-id: \$\{\{ vars\.FEISHU_APP_ID \}\}`\. Check that the variable in `\$\{\{ vars\.NAME \}\}`/
    )
  })

  it('outside GitHub Actions, no word of forks or Dependabot: how to give the input locally', async () => {
    const result = await runAction({ inputs: { 'app-id': TEST_APP.appId }, env: { GITHUB_ACTIONS: '' } })
    expect(result.errors[0]).toBe(
      "Input 'app-secret' is empty: pass the App Secret from a secret, e.g. `app-secret: ${{ secrets.FEISHU_APP_SECRET }}`. Outside GitHub Actions, inputs come from the environment: set it as INPUT_<NAME> (npm run local-action reads them from .env)."
    )
  })
})

describe('7. a bad region with base-url set says what applies', () => {
  it("names 'base-url' as where requests go, not 'or set base-url'", async () => {
    const sandbox = await serve()
    const result = await runFor(sandbox, { region: 'china' })
    expect(result.errors).toEqual([
      "Input 'region' is \"china\": use 'feishu' (open.feishu.cn, China) or 'lark' (open.larksuite.com, international). 'base-url' is set and is where requests go, so 'region' may also be left out."
    ])
  })
})

describe('8. each missing reason gets its own fix, in log and summary alike', () => {
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
  ])('%s', async (_what, listed, inputs, fix) => {
    const sandbox = await serve({ apps: [{ ...TEST_APP, scopes: listed ? [listed] : [] }] })
    const result = await runFor(sandbox, { 'required-scopes': 'bitable:app', ...inputs })
    expect(result.errors[0]).toContain(fix)
    expect(result.summary.replace(/\\(.)/g, '$1')).toContain(fix)
  })
})

describe('9. codes with words that fit the call', () => {
  it('11205 on the bot call: the app has no bot', async () => {
    const sandbox = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 11205, msg: 'app has no bot' }))
    const result = await runFor(sandbox, { 'check-bot': 'true' })
    expect(result.errors[0]).toMatch(
      /^Could not check the app's bot: the app has no bot: its Bot capability is not enabled in a published version\. Enable the Bot capability/
    )
  })

  it('99991668 on a call made with the token', async () => {
    const sandbox = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 99991668, msg: 'Invalid access token for authorization' }))
    const result = await runFor(sandbox, { 'required-scopes': 'im:message' })
    expect(result.errors[0]).toMatch(
      /^Could not list the app's scopes: the token is not valid for this request: invalid, expired or replaced\. Run the action again/
    )
  })

  it('an unknown code after HTTP 500 and retries is not explained as a missing bot', async () => {
    const sandbox = await serve()
    const busy = faults.json(500, { code: 55555, msg: 'internal error' })
    sandbox.failNext(faults.pass(), busy, busy)
    const result = await runFor(sandbox, { 'check-bot': 'true', 'max-attempts': '2' })
    expect(result.errors[0]).toMatch(/^Could not check the app's bot: .* an error this action does not know\./)
    expect(result.errors[0]).not.toContain('Bot capability')
  })

  it('an unknown code answered with HTTP 400 on the bot call: the bot is the likely cause, said as a likelihood', async () => {
    const sandbox = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 55555, msg: 'no bot' }))
    const result = await runFor(sandbox, { 'check-bot': 'true' })
    expect(result.errors[0]).toContain('If the app has no bot: enable the Bot capability')
  })

  it('99991401 on the token call does not say the token was issued', async () => {
    const sandbox = await serve()
    sandbox.failNext(faults.json(400, { code: 99991401, msg: 'ip not allowed' }))
    const result = await runFor(sandbox, {})
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: this runner's public IP address is not on the app's IP allowlist\. GitHub-hosted runners/
    )
    expect(result.errors[0]).not.toContain('which is why a token was issued')
  })
})

describe('10. more than 100 missing scopes: one order everywhere', () => {
  it('the error, the grant link and the summary hold the same first 100, sorted', async () => {
    const required = Array.from({ length: 150 }, (_, n) => `docx:scope_${String(149 - n).padStart(3, '0')}`)
    const sandbox = await serve()
    const result = await runFor(sandbox, { 'required-scopes': required.join(' '), 'on-missing-scopes': 'warn' })
    const first100 = [...required].sort().slice(0, 100)
    const listed = result.warnings[0]!.split('\n').flatMap(line => (/^- (docx:\S+):/.exec(line) ?? []).slice(1))
    expect(listed).toEqual(first100)
    expect(result.warnings[0]).toContain(`q=${first100.join(',')}&`)
    const rows = [...result.summary.matchAll(/^\| `(docx:[^`]+)` \|/gm)].map(([, scope]) => scope)
    expect(rows).toEqual(first100)
    expect(JSON.parse(result.outputs['missing-scopes']!)).toEqual([...required].sort())
  })
})

describe("11. an input error's summary shows what is known", () => {
  it('the API and the App ID, beside the error', async () => {
    const sandbox = await serve()
    const result: RunResult = await runFor(sandbox, { 'max-attempts': 'many' })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain(`| API | \`${sandbox.url}\` |`)
    expect(result.summary).toContain(`| App ID | \`${TEST_APP.appId}\` |`)
    expect(result.summary).toContain('Input \'max-attempts\' is "many"')
    expect(md.render(result.summary)).not.toMatch(/<a /)
  })
})
