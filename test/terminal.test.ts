// npm start renders the job summary for a terminal: aligned tables, no Markdown or HTML escapes left over.
import { renderSummary } from '../src/summary.js'
import { renderMarkdown, width } from '../harness/terminal.js'

it('aligns the tables, strips code marks and shows the link as text', () => {
  const markdown = renderSummary({
    outcome: 'failed',
    endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
    appId: 'cli_a1b2c3d4e5f60718',
    gate: {
      check: {
        statuses: [
          { scope: 'im:message', status: 'granted' },
          { scope: 'docx:document', status: 'not-configured' }
        ],
        granted: ['im:message'],
        missing: ['docx:document'],
        unexpected: [],
        ignored: []
      },
      onMissing: 'fail',
      onUnexpected: 'ignore',
      grantLink: 'https://open.feishu.cn/app/cli_a1b2c3d4e5f60718/auth?q=docx:document&op_from=openapi&token_type=tenant'
    }
  })
  const lines = renderMarkdown(markdown)
  expect(lines[0]).toBe('Feishu/Lark tenant token: ❌ Required scopes missing')
  expect(lines).toContain('API     Feishu, https://open.feishu.cn')
  expect(lines).toContain('App ID  cli_a1b2c3d4e5f60718')
  const table = lines.slice(lines.findIndex(line => line.startsWith('Scope')))
  expect(table[0]).toBe('Scope          Status')
  expect(width(table[2]!.slice(0, table[2]!.indexOf('✅')))).toBe(15)
  expect(table[3]!.indexOf('❌')).toBe(15)
  expect(lines.join('\n')).not.toMatch(/&amp;|`|\\\||\| ---/)
  expect(lines).toContain(
    "Grant the missing scopes: https://open.feishu.cn/app/cli_a1b2c3d4e5f60718/auth?q=docx:document&op_from=openapi&token_type=tenant on the app's permission page, then publish a version."
  )
  expect(lines.filter((line, n) => line === '' && lines[n - 1] === '')).toEqual([])
})

it('shows an error block as indented text', () => {
  const lines = renderMarkdown(renderSummary({ outcome: 'failed', error: "Input 'app-id' is empty." }))
  expect(lines).toContain("  Input 'app-id' is empty.")
})
