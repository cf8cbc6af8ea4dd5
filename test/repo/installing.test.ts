// Installing: npm ci puts Node 24 in node_modules/.bin and every script runs on it; without it (npm ci
// --ignore-scripts) the scripts stop at once, naming the install step; the TypeScript is one ts-jest and ncc take.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../harness/run-action.js'

describe('installing', () => {
  it("npm test and npm start stop at once, naming the install step, when 'npm ci --ignore-scripts' left Node 24 out", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ignore-scripts-'))
    for (const file of ['package.json', 'scripts/require-node24.sh']) cpSync(join(ROOT, file), join(dir, file), { recursive: true })
    for (const script of ['test', 'start', 'local-action', 'sandbox', 'bench', 'mutation']) {
      const started = Date.now()
      const result = spawnSync('npm', ['run', '-s', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
      expect([script, result.status]).toEqual([script, 1])
      const said = result.stderr.replace(/\s+/g, ' ')
      expect(said).toContain("The project's Node 24 is not installed (node_modules/node/bin/node).")
      expect(said).toContain("Run 'npm ci' (without --ignore-scripts), or 'npm rebuild node'")
      expect(Date.now() - started).toBeLessThan(10_000)
    }
    rmSync(dir, { recursive: true, force: true })
  }, 90_000)

  it('passes where Node 24 is installed', () => {
    expect(spawnSync('bash', [join(ROOT, 'scripts/require-node24.sh')], { encoding: 'utf8' }).status).toBe(0)
  })

  it('says in one line which Node the scripts run on when npm runs on another', () => {
    const node = join(ROOT, 'node_modules/node/bin/node')
    const run = (npmNode: string) =>
      spawnSync(node, [join(ROOT, 'scripts/postinstall.cjs')], { encoding: 'utf8', env: { ...process.env, npm_node_execpath: npmNode } })
    expect(run(node).stdout).toBe('')
    const dir = mkdtempSync(join(tmpdir(), 'old-node-'))
    const old = join(dir, 'node')
    writeFileSync(old, '#!/bin/sh\necho v20.20.2\n', { mode: 0o755 })
    expect(run(old).stdout).toMatch(
      /^npm runs on Node v20\.20\.2 here; npm start, npm test and the other scripts run on Node v24\.\d+\.\d+, which the 'node' dev dependency installed in node_modules\/\.bin\.\n$/
    )
    rmSync(dir, { recursive: true, force: true })
  })
})

it('type-checks with TypeScript 5.9 or 6.0 (7 breaks ts-jest and ncc)', () => {
  expect(spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--version'], { encoding: 'utf8' }).stdout).toMatch(
    /^Version (5\.9|6\.0)\./
  )
})
