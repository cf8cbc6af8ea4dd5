// The house: folders that tell the flow, imports that only point down it, functions that fit a screen, and the map in
// CONTRIBUTING.md that names every room.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'
import { ROOT } from '../../harness/run-action.js'
import { readSource, sourceFiles } from '../support/source.js'

/** The folders of src/, from the bottom of the flow up; the files at the root of src/ (the entry, run) are above all. */
const FOLDERS = ['output', 'catalogue', 'feishu', 'inputs', 'checks', 'words', 'summary', 'steps']
const MAX_FUNCTION_LINES = 80

/** The folder of a source file, as its place in the flow: higher imports lower. */
function layer(file: string): number {
  const folder = file.split('/')[1]!
  const at = FOLDERS.indexOf(folder)
  return at === -1 ? FOLDERS.length : at
}

/** The source files a file imports (relative imports only, `.js` written for `.ts`). */
function importsOf(file: string): string[] {
  const text = readSource(file)
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'/gm),
    ...text.matchAll(/\brequire\('(\.[^']+)'\)/g)
  ]
  return specifiers.map(([, specifier]) =>
    normalize(join(dirname(file), specifier!))
      .split('\\')
      .join('/')
      .replace(/\.js$/, '.ts')
  )
}

/** Every function in a source file, with its length in lines. */
function functionsOf(file: string): Array<{ name: string; line: number; lines: number }> {
  const source = ts.createSourceFile(file, readSource(file), ts.ScriptTarget.ES2022, true)
  const found: Array<{ name: string; line: number; lines: number }> = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const named = (node as { name?: ts.Node }).name ?? (node.parent as { name?: ts.Node }).name
      found.push({ name: named?.getText() ?? '(anonymous)', line: start + 1, lines: end - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const files = sourceFiles()
const code = files.filter(file => /\.(ts|cjs)$/.test(file))

it('has one folder per stage of the flow, and only the entry and run at the root of src/', () => {
  const folders = [...new Set(files.filter(file => file.split('/').length > 2).map(file => file.split('/')[1]!))]
  expect(folders.filter(folder => !FOLDERS.includes(folder))).toEqual([])
  expect(files.filter(file => file.split('/').length === 2)).toEqual(['src/action.ts', 'src/deps.ts', 'src/index.cjs', 'src/main.ts'])
})

it('imports only files of its own folder or of a folder lower in the flow', () => {
  const upward = code.flatMap(file =>
    importsOf(file)
      .filter(target => layer(target) > layer(file))
      .map(target => `${file} -> ${target}`)
  )
  expect(upward).toEqual([])
})

it('imports only files that exist, and none in a circle', () => {
  const graph = new Map(code.map(file => [file, importsOf(file)]))
  expect([...graph.values()].flat().filter(target => !graph.has(target))).toEqual([])
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') return void cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '))
    state.set(file, 'open')
    for (const target of graph.get(file) ?? []) visit(target, [...path, file])
    state.set(file, 'done')
  }
  for (const file of code) visit(file, [])
  expect(cycles).toEqual([])
})

it('the layer check finds an import that points up, and the cycle check a circle (the checks check)', () => {
  expect(layer('src/feishu/client.ts')).toBeLessThan(layer('src/words/failures.ts'))
  expect(layer('src/output/text.ts')).toBe(0)
  expect(layer('src/main.ts')).toBe(FOLDERS.length)
  expect(importsOf('src/main.ts')).toContain('src/steps/step.ts')
})

it(`has no function over ${MAX_FUNCTION_LINES} lines: each fits a screen`, () => {
  const long = code
    .filter(file => file.endsWith('.ts'))
    .flatMap(file =>
      functionsOf(file)
        .filter(({ lines }) => lines > MAX_FUNCTION_LINES)
        .map(f => `${file}:${f.line} ${f.name} (${f.lines} lines)`)
    )
  expect(long).toEqual([])
  // The measure itself: run is a function of dozens of lines.
  expect(functionsOf('src/main.ts').find(({ name }) => name === 'run')?.lines).toBeGreaterThan(20)
})

it('names each test file after its subject, never after the review round it came from', () => {
  const tests = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.test.ts'))
  expect(tests.length).toBeGreaterThan(50)
  const afterRounds = tests.filter(file =>
    /(^|[/\\_.-])(hardening|hostile|review|round|attack|misc|regression|fixes)|\d\.test\.ts$/i.test(file)
  )
  expect(afterRounds).toEqual([])
})

describe("CONTRIBUTING.md's layout table", () => {
  const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')
  const section = contributing.slice(contributing.indexOf('\n## Layout\n'), contributing.indexOf('\n### Where does it go?\n'))
  const named = new Set(
    section
      .split('\n')
      .filter(line => line.startsWith('| `src/'))
      .flatMap(line => [...line.split(' | ')[0]!.matchAll(/`(src\/[^`]*)`/g)].map(([, path]) => path!))
  )

  it('names every file and folder of src/, and nothing that is not there', () => {
    const folders = [...new Set(files.filter(file => file.split('/').length > 2).map(file => `${file.split('/').slice(0, 2).join('/')}/`))]
    expect([...named].sort()).toEqual([...files, ...folders].sort())
  })

  it('lists the folders in the order of the flow, top down', () => {
    const order = section
      .split('\n')
      .flatMap(line => /^\| `src\/([a-z]+)\/` \|/.exec(line)?.slice(1) ?? [])
      .filter(folder => FOLDERS.includes(folder))
    expect(order).toEqual([...FOLDERS].reverse().filter(folder => order.includes(folder)))
  })
})
