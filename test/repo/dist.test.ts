// The action as the runner gets it: action.yml, valid metadata that runs the bundle on node24, and dist/, exactly what
// the sources build to (npm run build, into a temporary folder: dist/ is never rewritten by the tests).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { ROOT, readActionYml } from '../../harness/run-action.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const action = readActionYml()

describe('dist/', () => {
  it("is exactly what 'npm run build' makes from the sources", () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
    // The build script itself, sent to another folder (ncc takes the last -o).
    execFileSync('npm', ['run', '-s', 'build', '--', '-o', out, '-q'], { cwd: ROOT, stdio: 'pipe' })
    const built = readdirSync(out).sort()
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(built)
    for (const file of built) {
      const fresh = readFileSync(join(out, file), 'utf8') === read(join('dist', file))
      if (!fresh) throw new Error(`dist/${file} is not what 'npm run build' makes from src/: run it and commit dist/`)
    }
    rmSync(out, { recursive: true, force: true })
  }, 120_000)

  it('is the bundle action.yml runs', () => {
    expect(readdirSync(join(ROOT, 'dist'))).toContain(action.runs.main.replace(/^dist\//, ''))
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

  it("is valid against the GitHub Actions metadata schema (SchemaStore's, which the Marketplace follows)", () => {
    const schema = JSON.parse(read('node_modules/github-action-ts-run-api/declarations/github-action-config-schema.json'))
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    expect([validate(parse(read('action.yml'))), validate.errors ?? []]).toEqual([true, []])
    // The check really checks: the icon this repository once had is refused.
    expect(validate({ ...parse(read('action.yml')), branding: { icon: 'key', color: 'blue' } })).toBe(false)
  })

  it('describes every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)])
      expect(spec.description.length).toBeGreaterThan(10)
  })
})
