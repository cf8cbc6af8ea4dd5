// npm start and npm run local-action render a run for a terminal: the job summary with aligned tables and no Markdown
// or HTML escapes left over, debug lines when asked for, and exported variables masked.
import { renderSummary } from '../../src/summary/render.js'
import type { RunResult } from '../../harness/run-action.js'
import { renderMarkdown, renderRun, width } from '../../harness/terminal.js'

it('aligns the tables, strips code marks and shows the link as text', () => {
  const markdown = renderSummary({
    outcome: 'failed',
    endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
    appId: 'cli_a1b2c3d4e5f60718',
    gate: {
      check: {
        statuses: [
          { scope: 'docx:document', status: 'not-configured' },
          { scope: 'im:message', status: 'granted' }
        ],
        granted: ['im:message'],
        missing: ['docx:document'],
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
      grantLink: 'https://open.feishu.cn/app/cli_a1b2c3d4e5f60718/auth?q=docx:document&op_from=openapi&token_type=tenant'
    }
  })
  const lines = renderMarkdown(markdown)
  expect(lines[0]).toBe('Feishu/Lark tenant token: ❌ Required scopes missing')
  expect(lines).toContain('API     Feishu, https://open.feishu.cn')
  expect(lines).toContain('App ID  cli_a1b2c3d4e5f60718')
  const table = lines.slice(lines.findIndex(line => line.startsWith('Scope')))
  expect(table[0]).toMatch(/^Scope {10}Status {2,}What to do$/)
  // The missing scope first, then the granted one: one order in the error, the grant link and the summary.
  expect(table[2]!.indexOf('❌')).toBe(15)
  expect(width(table[3]!.slice(0, table[3]!.indexOf('✅')))).toBe(15)
  expect(lines.join('\n')).not.toMatch(/&amp;|`|\\\||\| ---/)
  expect(lines).toContain(
    "Grant the missing scopes: https://open.feishu.cn/app/cli_a1b2c3d4e5f60718/auth?q=docx:document&op_from=openapi&token_type=tenant on the app's Permissions & Scopes (权限管理) page, then publish a version on the app's Version Management & Release (版本管理与发布) page."
  )
  expect(lines.filter((line, n) => line === '' && lines[n - 1] === '')).toEqual([])
})

it('shows an error block as indented text', () => {
  const lines = renderMarkdown(renderSummary({ outcome: 'failed', error: "Input 'app-id' is empty." }))
  expect(lines).toContain("  Input 'app-id' is empty.")
})

it('aligns a column after Chinese text and emoji: each takes two columns of a terminal', () => {
  const lines = renderMarkdown(
    [
      '| Resource | Kind | Result |',
      '| --- | --- | --- |',
      '| `发布群` | chat | ✅ reachable |',
      '| `runbook` | document | ❌ not shared |'
    ].join('\n')
  )
  const rows = lines.filter(line => /chat|document|Kind/.test(line))
  expect(rows).toHaveLength(3)
  expect(new Set(rows.map(line => width(line.slice(0, line.search(/chat|document|Kind/))))).size).toBe(1)
  expect(width('发布群')).toBe(6)
  expect(width('✅')).toBe(2)
  expect(width('e\u0301\u200d\ufe0f')).toBe(1)
})

describe('a run, as npm run local-action shows it', () => {
  const TOKEN = 't-0123456789abcdef0123456789abcdef01234567'
  const result: RunResult = {
    exitCode: 0,
    signal: null,
    durationMs: 42,
    stdout: `::add-mask::${TOKEN}\n::debug::GET /open-apis/application/v6/scopes: HTTP 200, code 0, 3 ms%0Asent with ${TOKEN}\nGot a token.\n`,
    stderr: '',
    lines: [],
    outputs: { token: TOKEN, 'base-url': 'https://open.feishu.cn' },
    env: { FEISHU_TENANT_ACCESS_TOKEN: TOKEN, FEISHU_BASE_URL: 'https://open.feishu.cn' },
    summary: '',
    files: { output: '', env: '', summary: '', state: '', path: '' },
    commands: [
      ['add-mask', TOKEN],
      ['debug', `GET /open-apis/application/v6/scopes: HTTP 200, code 0, 3 ms\nsent with ${TOKEN}`]
    ],
    errors: [],
    warnings: []
  }

  it('leaves the debug lines out unless debug logging is on, and then shows them as the runner does, masked', () => {
    expect(renderRun(result).join('\n')).not.toContain('##[debug]')
    const lines = renderRun(result, false, true)
    expect(lines.slice(0, 5)).toEqual([
      '',
      'Step log (exit code 0, 42 ms)',
      '  ##[debug]GET /open-apis/application/v6/scopes: HTTP 200, code 0, 3 ms',
      '  ##[debug]sent with ***',
      '  Got a token.'
    ])
  })

  it('shows the exported variables by name, a masked value as ***', () => {
    const lines = renderRun(result)
    expect(lines.slice(lines.indexOf('Exported variables'))).toEqual([
      'Exported variables',
      '  FEISHU_TENANT_ACCESS_TOKEN = *** (masked)',
      '  FEISHU_BASE_URL = https://open.feishu.cn'
    ])
    expect(lines.join('\n')).not.toContain(TOKEN)
  })
})
