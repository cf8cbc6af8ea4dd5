// `npm run bench`: the cost of a full run of dist/index.js (token + scope gate) against the sandbox, beside
// what a user could run instead, alternating, with no delay and with a delay injected per direction.
// Prints median wall time, peak memory, TCP connections per run, and ratios to the floor. Not a test.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startLink } from '../test/support/link.js'
import { BUNDLE, ROOT, runnerEnv } from '../test/support/run-action.js'
import { NODE24, versionOf } from '../test/support/runtimes.js'
import { TEST_APP, TEST_CA_FILE, startSandbox } from '../test/support/sandbox.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const DELAYS = (process.env.BENCH_DELAYS_MS ?? '0,50').split(',').map(Number)
// HTTPS by default, as the real API is: every candidate pays for TLS alike. BENCH_TLS=0 for plain HTTP.
const TLS = process.env.BENCH_TLS !== '0'
// The runtime action.yml declares (runs.using: node24), whatever Node runs this script.
const node = NODE24
const sh = promisify(execFile)

interface Candidate {
  name: string
  command: (baseUrl: string, dir: string) => { argv: string[]; env: Record<string, string> }
}

const trust: Record<string, string> = TLS ? { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, CURL_CA_BUNDLE: TEST_CA_FILE } : {}
const credentials = { APP_ID: TEST_APP.appId, APP_SECRET: TEST_APP.appSecret, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...trust }
const bench = (file: string) => join(ROOT, 'bench', file)

const candidates: Candidate[] = [
  {
    name: 'action (dist/index.js)',
    command: (baseUrl, dir) => ({
      argv: [node, BUNDLE],
      env: { ...runnerEnv({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': baseUrl, 'required-scopes': 'im:message' }, dir).env, ...trust }
    })
  },
  { name: 'floor (node:https)', command: baseUrl => ({ argv: [node, bench('floor.cjs'), baseUrl], env: credentials }) },
  { name: 'official node SDK', command: baseUrl => ({ argv: [node, bench('sdk.mjs'), baseUrl], env: credentials }) },
  { name: 'run: step, 2 curl', command: baseUrl => ({ argv: ['bash', bench('curl.sh'), baseUrl], env: credentials }) }
]

// Start-up alone: bare Node, and the bundle stopping at an input error (no request).
const startup: Candidate[] = [
  { name: 'node -e 0', command: () => ({ argv: [node, '-e', '0'], env: credentials }) },
  {
    name: 'bundle, input error',
    command: (_baseUrl, dir) => ({ argv: [node, BUNDLE], env: runnerEnv({ 'app-id': TEST_APP.appId, 'app-secret': '' }, dir).env })
  }
]

interface Sample {
  wallMs: number
  peakKb: number
  connections: number
}

async function measure(candidate: Candidate, baseUrl: string, connections: () => number): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-bench-'))
  const { argv, env } = candidate.command(baseUrl, dir)
  const before = connections()
  const { stdout } = await sh('python3', [bench('measure.py'), ...argv], { env })
  rmSync(dir, { recursive: true, force: true })
  const result = JSON.parse(stdout) as { wall_ms: number; peak_kb: number; code: number; stderr: string }
  const expectFailure = candidate.name === 'bundle, input error'
  if ((result.code !== 0) !== expectFailure) throw new Error(`${candidate.name} exited ${result.code}: ${result.stderr}`)
  return { wallMs: result.wall_ms, peakKb: result.peak_kb, connections: connections() - before }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function round(list: Candidate[], baseUrl: string, connections: () => number): Promise<Map<string, Sample[]>> {
  const samples = new Map(list.map(c => [c.name, [] as Sample[]]))
  for (const c of list) await measure(c, baseUrl, connections) // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    // Alternate, rotating the order, so drift hits every candidate alike.
    for (let j = 0; j < list.length; j++) {
      const c = list[(i + j) % list.length]!
      samples.get(c.name)!.push(await measure(c, baseUrl, connections))
    }
  }
  return samples
}

function table(samples: Map<string, Sample[]>, floorName: string): string {
  const floor = median(samples.get(floorName)!.map(s => s.wallMs))
  const rows = [...samples].map(([name, list]) => {
    const wall = median(list.map(s => s.wallMs))
    return `| ${name} | ${wall.toFixed(1)} ms | ${(wall / floor).toFixed(2)} | ${(Math.max(...list.map(s => s.peakKb)) / 1024).toFixed(1)} MiB | ${median(list.map(s => s.connections))} |`
  })
  return ['| candidate | median wall | ÷ floor | peak memory | TCP connections / run |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
}

const sandbox = await startSandbox({ tls: TLS })
const scheme = TLS ? 'https' : 'http'
console.log(`node ${versionOf(node)}, ${scheme}, ${RUNS} alternating runs per candidate; bundle ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB\n`)
try {
  for (const delay of DELAYS) {
    const proxy = await startLink({ host: '127.0.0.1', port: sandbox.port }, { oneWayDelayMs: delay })
    const samples = await round(candidates, `${scheme}://127.0.0.1:${proxy.port}`, proxy.connections)
    console.log(`### ${delay} ms each way (round trip ${2 * delay} ms)\n\n${table(samples, 'floor (node:https)')}\n`)
    await proxy.close()
  }
  const samples = await round(startup, sandbox.url, sandbox.connectionCount)
  const bare = median(samples.get('node -e 0')!.map(s => s.wallMs))
  const bundle = median(samples.get('bundle, input error')!.map(s => s.wallMs))
  console.log(`### Start-up\n\n${table(samples, 'node -e 0')}\n\nLoading and starting the bundle costs ${(bundle - bare).toFixed(1)} ms over bare Node.`)
} finally {
  await sandbox.close()
}
