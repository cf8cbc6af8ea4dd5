// The README keeps its promises: its inputs and outputs tables are action.yml's, word for word; it gives the two
// commands that set up a checkout and run it and its tests; it names the published action; it is one screenful per
// idea, at most 300 lines.
import { readActionYml } from '../../harness/run-action.js'
import { readDoc, tableAfter as tableIn } from '../support/docs.js'

const readme = readDoc('README.md')
const action = readActionYml()
const PUBLISHED = 'feishu-actions/tenant-token-action'
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

const tableAfter = (heading: string) => tableIn(readme, heading)

const unquote = (cell: string) => cell.replace(/^`|`$/g, '')

describe('README', () => {
  it('lists the inputs exactly as action.yml declares them', () => {
    const rows = tableAfter('## Inputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.inputs))
    for (const [name, required, fallback, description] of rows) {
      const spec = action.inputs[unquote(name!)]!
      expect([unquote(name!), required]).toEqual([unquote(name!), spec.required ? 'yes' : 'no'])
      expect([unquote(name!), unquote(fallback!)]).toEqual([unquote(name!), spec.default ?? ''])
      expect(flat(description!)).toBe(flat(spec.description))
    }
  })

  it('lists the outputs exactly as action.yml declares them', () => {
    const rows = tableAfter('## Outputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.outputs))
    for (const [name, description] of rows) expect(flat(description!)).toBe(flat(action.outputs[unquote(name!)]!.description))
  })

  it('gives exactly the two commands that set up a fresh checkout: install + start, install + test', () => {
    const section = readme.slice(readme.indexOf('\n## Try it locally, with no account\n'))
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!
    expect(block.trim().split('\n')).toEqual(['npm ci && npm start', 'npm ci && npm test'])
  })

  it('is at most 300 lines, and its first lines link the Chinese README', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300)
    expect(readme.split('\n').slice(0, 4).join('\n')).toContain('](README.zh-CN.md)')
  })

  it('names the published reference that the reusable workflow uses', () => {
    expect(readme).toContain(`uses: ${PUBLISHED}@v1`)
    expect(readDoc('docs/reusable-workflow.md')).toContain(`uses: ${PUBLISHED}/.github/workflows/scope-gate.yml@v1`)
  })
})
