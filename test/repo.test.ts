// The repository keeps its promises: dist/ is what the sources build to, workflows pass actionlint and are
// wired to the action's real inputs and outputs, and README, action.yml and .ci/run say the same thing.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT, readActionYml } from './support/run-action.js'

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
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map(cell => cell.trim()))
  }
  return rows
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '')

describe('dist/', () => {
  it('is exactly what npm run build makes from the sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/index.cjs', '-o', out, '--license', 'licenses.txt', '-q'], {
      cwd: ROOT,
      stdio: 'pipe'
    })
    const built = readdirSync(out).sort()
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(built)
    for (const file of built) {
      const fresh = readFileSync(join(out, file), 'utf8') === read(join('dist', file))
      if (!fresh) throw new Error(`dist/${file} is not what 'npm run build' makes from src/: run it and commit dist/`)
    }
    rmSync(out, { recursive: true, force: true })
  }, 120_000)

  it('is what package.json builds', () => {
    expect(JSON.parse(read('package.json')).scripts.build).toBe('ncc build src/index.cjs -o dist --license licenses.txt')
  })
})

describe('action.yml', () => {
  it('runs the bundle on node24, with a name, description and branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.cjs' })
    const raw = parse(read('action.yml')) as Record<string, unknown>
    expect(raw.name).toBeTruthy()
    expect(raw.description).toBeTruthy()
    expect(raw.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  it('describes every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(spec.description.length).toBeGreaterThan(10)
  })
})

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

  it('names the published reference that the reusable workflow uses', () => {
    expect(readme).toContain(`uses: ${PUBLISHED}@v1`)
    expect(readme).toContain(`uses: ${PUBLISHED}/.github/workflows/scope-gate.yml@v1`)
  })
})

describe('.ci/run', () => {
  const script = read('.ci/run')

  it("runs the README's install and test command and ends with a pass/fail line", () => {
    expect(script).toContain('npm ci && npm test')
    expect(script).toMatch(/echo "\$passed passed, \$failed failed"/)
  })
})

describe('workflows', () => {
  const workflows = readdirSync(join(ROOT, '.github/workflows')).map(file => join('.github/workflows', file))

  function actionlint(files: string[]): Array<{ path: string; message: string; line: number }> {
    const out = execFileSync(process.execPath, [join(ROOT, 'test/support/actionlint.cjs'), ...files], { cwd: ROOT, encoding: 'utf8' })
    return JSON.parse(out)
  }

  it('all pass actionlint', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2)
    expect(actionlint(workflows)).toEqual([])
  })

  it('actionlint really checks (a broken workflow fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'))
    const broken = join(dir, 'broken.yml')
    writeFileSync(broken, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.X.y.z( }}\n')
    expect(actionlint([broken]).length).toBeGreaterThan(0)
    rmSync(dir, { recursive: true, force: true })
  })

  describe('scope-gate.yml', () => {
    const gate = parse(read('.github/workflows/scope-gate.yml'))
    const call = gate.on.workflow_call
    const job = gate.jobs.gate
    const step = job.steps.find((s: { uses?: string }) => s.uses?.startsWith(PUBLISHED))

    it('is a reusable workflow with the promised inputs, secrets and outputs', () => {
      expect(Object.keys(call.inputs).sort()).toEqual(['app-id', 'base-url', 'on-missing-scopes', 'on-unexpected-scopes', 'region', 'request-approval', 'required-scopes', 'runs-on'])
      expect(call.inputs['runs-on'].default).toBe('ubuntu-latest')
      expect(call.secrets['app-secret'].required).toBe(true)
      expect(call.secrets['app-id'].required).toBe(false)
      expect(Object.keys(call.outputs).sort()).toEqual(['expires-at', 'granted-scopes', 'missing-scopes', 'unexpected-scopes'])
    })

    it('runs the published action and nothing else', () => {
      expect(job.steps).toHaveLength(1)
      expect(step.uses).toBe(`${PUBLISHED}@v1`)
    })

    it('passes each of its inputs (but runs-on) to the action', () => {
      for (const name of Object.keys(call.inputs).filter(name => name !== 'runs-on')) {
        expect([name, step.with[name]]).toEqual([name, name === 'app-id' ? '${{ inputs.app-id || secrets.app-id }}' : `\${{ inputs.${name} }}`])
      }
    })

    it("passes only keys that are the action's inputs", () => {
      for (const key of Object.keys(step.with)) expect(Object.keys(action.inputs)).toContain(key)
      expect(step.with['app-secret']).toBe('${{ secrets.app-secret }}')
      expect(step.with['app-id']).toBe('${{ inputs.app-id || secrets.app-id }}')
    })

    it("maps its outputs to the action's real outputs, and never the token", () => {
      for (const [name, spec] of Object.entries<{ value: string }>(call.outputs)) {
        expect(spec.value).toBe(`\${{ jobs.gate.outputs.${name} }}`)
        expect(job.outputs[name]).toBe(`\${{ steps.${step.id}.outputs.${name} }}`)
        expect(Object.keys(action.outputs)).toContain(name)
      }
      expect(JSON.stringify(job.outputs)).not.toContain('outputs.token')
    })
  })

  describe('ci.yml', () => {
    const ci = parse(read('.github/workflows/ci.yml'))

    it('installs, tests and checks dist/ freshness', () => {
      const runs = ci.jobs.test.steps.map((s: { run?: string }) => s.run ?? '').join('\n')
      expect(runs).toContain('npm ci')
      expect(runs).toContain('npm test')
      expect(runs).toMatch(/npm run build\s+git diff --exit-code -- dist/)
    })

    it('self-tests ./ against real Feishu only when the secrets are there', () => {
      const self = ci.jobs['self-test']
      expect(self.env.HAS_SECRETS).toMatch(/secrets\.FEISHU_APP_ID != ''.*secrets\.FEISHU_APP_SECRET != ''/)
      const uses = self.steps.find((s: { uses?: string }) => s.uses === './')
      expect(uses.if).toBe("env.HAS_SECRETS == 'true'")
      for (const key of Object.keys(uses.with)) expect(Object.keys(action.inputs)).toContain(key)
      expect(self.steps.some((s: { if?: string }) => s.if === "env.HAS_SECRETS != 'true'")).toBe(true)
    })
  })
})

it('the test command type-checks before jest runs', () => {
  expect(JSON.parse(read('package.json')).scripts.test).toMatch(/^tsc --noEmit && /)
  expect(spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--version'], { encoding: 'utf8' }).stdout).toMatch(/^Version (5\.9|6\.0)\./)
})
