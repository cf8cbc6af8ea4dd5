// The job summary (src/summary/render.ts): server text is shown inert, whatever Markdown or HTML it holds, and the
// summary's own link still works with an odd App ID. A run in process, against the sandbox, and renderSummary alone.
import MarkdownIt from 'markdown-it'
import { type Fault, type Sandbox, TEST_APP, faults, startSandbox } from '../../harness/sandbox.js'
import { run } from '../../src/main.js'
import { checkScopes } from '../../src/checks/scopes.js'
import { renderSummary } from '../../src/summary/render.js'
import { testDeps } from '../support/deps.js'
import { fakeCore } from '../support/fake-core.js'

const md = new MarkdownIt({ html: true, linkify: true })
const hostile =
  '[click](https://evil.example/a) ![x](https://evil.example/i.png) <img src=https://evil.example/h.png> **bold** https://evil.example/auto | ` <b>'

describe('server text is inert in the job summary', () => {
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    await sandbox.close()
  })

  it.each<[string, Fault]>([
    ['msg', faults.json(400, { code: 99999, msg: hostile })],
    ['troubleshooter and log id', faults.json(400, { code: 99999, msg: 'no', error: { troubleshooter: hostile, log_id: hostile } })],
    ['content type', faults.text(200, 'nope', hostile)],
    ['redirect location', faults.redirect('https://evil.example/x?[a](https://evil.example/b)')]
  ])('%s: no link, image, emphasis or HTML takes effect', async (_where, answer) => {
    sandbox.failNext(answer)
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, 'max-attempts': '1' })
    await run(testDeps(core))
    const html = md.render(core.summaryText)
    expect(html).not.toMatch(/<a |<img|<strong>|<em>|<b>/)
    expect(html).toContain('<pre><code class="language-text">Could not get a tenant access token')
  })
})

describe("the summary's own link", () => {
  it('our own link still works, with an odd App ID made harmless', () => {
    const text = renderSummary({
      outcome: 'failed',
      endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
      appId: 'cli_x)![i](https://evil.example/i.png)',
      gate: {
        check: {
          statuses: [{ scope: 'im:message', status: 'not-configured' }],
          granted: [],
          missing: ['im:message'],
          unexpected: [],
          ignored: [],
          unknownTypes: [],
          calls: [],
          missingCalls: [],
          toGrant: [],
          awaiting: []
        },
        onMissing: 'fail',
        onUnexpected: 'ignore',
        requestApproval: false,
        grantLink: 'https://open.feishu.cn/app/cli_x)![i](https://evil.example/i.png)/auth?q=im:message'
      }
    })
    const html = md.render(text)
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).not.toContain('<img')
    expect(html).toContain('href="https://open.feishu.cn/app/cli_x%29!%5Bi%5D%28https://evil.example/i.png%29/auth?q=im:message"')
  })
})

describe('the required scopes table', () => {
  const summary = (required: string[], listed: Array<{ name: string; grantStatus: number }>) =>
    renderSummary({
      outcome: 'passed',
      endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
      appId: 'cli_a1b2c3d4e5f60718',
      gate: { check: checkScopes(required, listed), onMissing: 'warn', onUnexpected: 'ignore', requestApproval: false }
    })

  it('has a "What to do" column only when something is to be done', () => {
    const granted = summary(['im:message'], [{ name: 'im:message', grantStatus: 1 }])
    expect(granted).toContain('| Scope | Status |\n| --- | --- |\n| `im:message` | ✅ granted |\n')
    expect(granted).not.toContain('What to do')
    const missing = summary(['im:message', 'docx:document'], [{ name: 'im:message', grantStatus: 1 }])
    expect(missing).toContain('| Scope | Status | What to do |\n| --- | --- | --- |\n')
    expect(missing).toContain('| `im:message` | ✅ granted | |\n')
    expect(missing).toContain('1 of 2 required scopes is missing (on-missing-scopes: warn).')
    expect(summary(['docx:document'], [])).toContain('The required scope is missing (on-missing-scopes: warn).')
  })

  it('more than 100 scopes, all granted: the rest counted, in a row of two cells', () => {
    const names = Array.from({ length: 120 }, (_, n) => `drive:scope_${String(n).padStart(3, '0')}`)
    const text = summary(
      names,
      names.map(name => ({ name, grantStatus: 1 }))
    )
    expect(text).toContain('| and 20 more | the `granted-scopes` output lists them |\n')
  })
})
