// The catalogue in a bundle: ncc, building as `npm run build` does, leaves catalogue.json out of the bundle as an
// asset file beside it, which the bundle reads on the first loadCatalogue() only; a run that never asks never reads it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'catalogue-bundle-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Runs a script with the bundle's exports as `bundle`, in a Node of its own, and gives what it prints. */
const run = (script: string) =>
  execFileSync(process.execPath, ['-e', `const bundle = require(${JSON.stringify(join(out, 'index.cjs'))}); ${script}`], {
    encoding: 'utf8',
    stdio: 'pipe'
  })

beforeAll(() => {
  const ncc = join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  execFileSync(process.execPath, [ncc, 'build', 'test/fixtures/catalogue-entry.cjs', '-o', out, '-q'], { cwd: ROOT, stdio: 'pipe' })
}, 120_000)

it('puts catalogue.json beside the bundle, as it is, and not inside it', () => {
  const files = readdirSync(out).sort()
  const assets = files.filter(file => file.endsWith('.json'))
  expect(files).toEqual(['index.cjs', ...assets].sort())
  expect(assets).toHaveLength(1)
  expect(readFileSync(join(out, assets[0]!), 'utf8')).toBe(readFileSync(join(ROOT, 'src/catalogue/catalogue.json'), 'utf8'))
  const bundle = readFileSync(join(out, 'index.cjs'), 'utf8')
  expect(bundle).not.toContain('im_message_create')
  expect(bundle.length).toBeLessThan(20_000)
})

it('starts without reading it: the bundle loads with the file gone, and only loadCatalogue() misses it', () => {
  const asset = readdirSync(out).find(file => file.endsWith('.json'))!
  renameSync(join(out, asset), join(out, 'away'))
  try {
    expect(run('console.log(typeof bundle.loadCatalogue); try { bundle.loadCatalogue() } catch (e) { console.log(e.code) }')).toBe(
      'function\nENOENT\n'
    )
  } finally {
    renameSync(join(out, 'away'), join(out, asset))
  }
})

it('reads it on the first loadCatalogue(), relative to the bundle wherever it runs from, and keeps it', () => {
  const script = 'const c = bundle.loadCatalogue(); console.log(c.tenantCalls.length, c.otherCalls.length, c === bundle.loadCatalogue())'
  expect(run(`process.chdir(${JSON.stringify(tmpdir())}); ${script}`)).toBe('1480 151 true\n')
})
