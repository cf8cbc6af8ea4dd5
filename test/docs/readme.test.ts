// The README keeps its promises: its inputs and outputs tables are action.yml's, word for word; it gives the two
// commands of Development; its links go to headings it has; it names the published action.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, readActionYml } from '../../harness/run-action.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const readme = read('README.md')
const action = readActionYml()
const PUBLISHED = 'feishu-actions/tenant-token-action'
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Rows of the first Markdown table after a heading, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`)
  expect(start).toBeGreaterThan(-1)
  const lines = readme.slice(start + heading.length + 2).split('\n')
  const first = lines.findIndex(line => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim())
    )
  }
  return rows
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '')

describe('README', () => {
  it('lists the inputs exactly as action.yml declares them', () => {
    const rows = tableAfter('### Inputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.inputs))
    for (const [name, required, fallback, description] of rows) {
      const spec = action.inputs[unquote(name!)]!
      expect([unquote(name!), required]).toEqual([unquote(name!), spec.required ? 'yes' : 'no'])
      expect([unquote(name!), unquote(fallback!)]).toEqual([unquote(name!), spec.default ?? ''])
      expect(flat(description!)).toBe(flat(spec.description))
    }
  })

  it('lists the outputs exactly as action.yml declares them', () => {
    const rows = tableAfter('### Outputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.outputs))
    for (const [name, description] of rows) expect(flat(description!)).toBe(flat(action.outputs[unquote(name!)]!.description))
  })

  it('gives exactly two commands under Development: install + start, install + test', () => {
    const section = readme.slice(readme.indexOf('\n## Development\n'))
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!
    expect(block.trim().split('\n')).toEqual(['npm ci && npm start', 'npm ci && npm test'])
  })

  it('links only to headings it has (the table of contents among them)', () => {
    // GitHub's anchors: lowercase, punctuation dropped, spaces as hyphens.
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, '')
        .replace(/ /g, '-')
    const anchors = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading]) => slug(heading!)))
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!)
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter(anchor => !anchors.has(anchor))).toEqual([])
  })

  it('names the published reference that the reusable workflow uses', () => {
    expect(readme).toContain(`uses: ${PUBLISHED}@v1`)
    expect(readme).toContain(`uses: ${PUBLISHED}/.github/workflows/scope-gate.yml@v1`)
  })
})
