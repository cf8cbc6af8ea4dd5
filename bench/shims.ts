// `npm run bench:shims`: what each stand-in in shims/ saves. Installs @actions/core and @actions/http-client as
// they are (no overrides) in a scratch folder, builds the action's sources there once per variant (every real
// module, each shim alone, all shims), and times each bundle's start-up (an input error: no request), alternating.
// Prints bundle size, median wall time and the cost over the all-shims bundle that ships. Needs the npm registry.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, runnerEnv } from '../harness/run-action.js'
import { NODE24, versionOf } from '../harness/runtimes.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'shims-bench-'))

// Where each shim stands in, once the real packages are installed (npm hoists them to the top).
const SHIMS = { '@actions/exec': 'actions-exec', tunnel: 'tunnel', undici: 'undici' } as const
type Shimmed = keyof typeof SHIMS

writeFileSync(
  join(work, 'package.json'),
  JSON.stringify({
    name: 'shims-bench',
    private: true,
    type: 'module',
    dependencies: pkg.dependencies,
    devDependencies: Object.fromEntries(['@vercel/ncc', 'typescript', '@types/node'].map(name => [name, pkg.devDependencies[name]]))
  })
)
cpSync(join(ROOT, 'src'), join(work, 'src'), { recursive: true })
const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'))
writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, types: ['node'] }, include: ['src'] })
)
console.log(`Installing @actions/core and @actions/http-client without overrides in ${work} ...`)
execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, stdio: 'inherit' })
const original = mkdtempSync(join(tmpdir(), 'shims-originals-'))
for (const name of Object.keys(SHIMS)) cpSync(join(work, 'node_modules', name), join(original, name), { recursive: true })

/** Builds the bundle with the given modules replaced by their shims. */
function build(label: string, shimmed: readonly Shimmed[]): { label: string; bundle: string } {
  for (const name of Object.keys(SHIMS) as Shimmed[]) {
    const target = join(work, 'node_modules', name)
    rmSync(target, { recursive: true, force: true })
    cpSync(shimmed.includes(name) ? join(ROOT, 'shims', SHIMS[name]) : join(original, name), target, { recursive: true })
  }
  const out = join(work, `out-${label.replace(/\W+/g, '-')}`)
  execFileSync(process.execPath, [join(work, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/index.cjs', '-o', out, '-q'], {
    cwd: work,
    stdio: 'inherit'
  })
  return { label, bundle: join(out, 'index.cjs') }
}

const variants = [
  build('no shims (every module as published)', []),
  build('@actions/exec shim only', ['@actions/exec']),
  build('tunnel shim only', ['tunnel']),
  build('undici shim only', ['undici']),
  build('all three shims (what ships)', ['@actions/exec', 'tunnel', 'undici'])
]

const env = runnerEnv({ 'app-id': 'cli_a1b2c3d4e5f60718', 'app-secret': '' }, mkdtempSync(join(tmpdir(), 'shims-run-'))).env
const timeOnce = (bundle: string): number => {
  const started = performance.now()
  try {
    execFileSync(NODE24, [bundle], { env, stdio: 'ignore' })
  } catch {
    // The input error exits 1, as intended.
  }
  return performance.now() - started
}
const samples = new Map(variants.map(v => [v.label, [] as number[]]))
for (const v of variants) timeOnce(v.bundle) // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (let j = 0; j < variants.length; j++) {
    const v = variants[(i + j) % variants.length]!
    samples.get(v.label)!.push(timeOnce(v.bundle))
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const shipped = median(samples.get(variants.at(-1)!.label)!)
console.log(`\nnode ${versionOf(NODE24)}, start-up to an input error, ${RUNS} alternating runs per bundle\n`)
console.log('| bundle | size | median wall | over what ships |\n| --- | --- | --- | --- |')
for (const v of variants) {
  const wall = median(samples.get(v.label)!)
  const over = wall - shipped
  console.log(
    `| ${v.label} | ${(statSync(v.bundle).size / 1024).toFixed(0)} KiB | ${wall.toFixed(1)} ms | ${over >= 0 ? '+' : ''}${over.toFixed(1)} ms |`
  )
}
rmSync(work, { recursive: true, force: true })
rmSync(original, { recursive: true, force: true })
