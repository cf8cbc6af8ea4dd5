// `npm run bench`: the cost of a full run of dist/index.cjs (token + scope gate) against the sandbox, beside
// what a user could run instead, alternating: with no delay, with a delay per direction, on a lossy link, and
// through a proxy. Prints median wall time, peak memory, TCP connections (or tunnels) per run, success rates and
// ratios to the floor. BENCH_COMPARE_BUNDLE=/path/to/index.cjs adds another build of the action (an earlier
// release, say) to the direct and start-up rounds, so that the two are measured in the same run, and ends with the
// two side by side, wall and CPU time (CPU time moves least when other work shares the machine). Not a test.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { startLink } from '../harness/link.js'
import { BUNDLE, ROOT, runnerEnv } from '../harness/run-action.js'
import { NODE24, versionOf } from '../harness/runtimes.js'
import { TEST_APP, TEST_CA_FILE, startSandbox } from '../harness/sandbox.js'
import { TWENTY_CALLS } from './twenty-calls.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
// Start-ups are short and noisy: more of them tell builds a few ms apart (BENCH_COMPARE_BUNDLE).
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? RUNS)
// 0 leaves the lossy round out (it takes most of the time: a hung candidate costs a minute).
const LOSSY_RUNS = Number(process.env.BENCH_LOSSY_RUNS ?? 10)
const DELAYS = (process.env.BENCH_DELAYS_MS ?? '0,50').split(',').map(Number)
// HTTPS by default, as the real API is: every candidate pays for TLS alike. BENCH_TLS=0 for plain HTTP.
const TLS = process.env.BENCH_TLS !== '0'
const LOSSY = LOSSY_RUNS > 0
// The runtime action.yml declares (runs.using: node24), whatever Node runs this script.
const node = NODE24
const sh = promisify(execFile)

interface Candidate {
  name: string
  command: (baseUrl: string, dir: string) => { argv: string[]; env: Record<string, string> }
}

const trust: Record<string, string> = TLS ? { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, CURL_CA_BUNDLE: TEST_CA_FILE } : {}
const credentials = {
  APP_ID: TEST_APP.appId,
  APP_SECRET: TEST_APP.appSecret,
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...trust
}
const bench = (file: string) => join(ROOT, 'bench', file)

const COMPARE = process.env.BENCH_COMPARE_BUNDLE
type Inputs = Record<string, string> | ((baseUrl: string) => Record<string, string>)
const action = (given: Inputs = {}, bundle = BUNDLE, name = 'action (dist/index.cjs)'): Candidate => ({
  name,
  command: (baseUrl, dir) => {
    const inputs = typeof given === 'function' ? given(baseUrl) : given
    return {
      argv: [node, bundle],
      env: {
        ...runnerEnv(
          { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': baseUrl, 'required-scopes': 'im:message', ...inputs },
          dir
        ).env,
        ...trust
      }
    }
  }
})
const floor: Candidate = {
  name: 'floor (node:https)',
  command: baseUrl => ({ argv: [node, bench('floor.cjs'), baseUrl], env: credentials })
}
const sdk: Candidate = { name: 'official node SDK', command: baseUrl => ({ argv: [node, bench('sdk.mjs'), baseUrl], env: credentials }) }
const curl = (name = 'run: step, 2 curl', flags = ''): Candidate => ({
  name,
  command: baseUrl => ({ argv: ['bash', bench('curl.sh'), baseUrl], env: { ...credentials, CURL_FLAGS: flags } })
})

const compared = COMPARE ? [action({}, COMPARE, 'action (BENCH_COMPARE_BUNDLE)')] : []

// BENCH_COMPARE_ONLY=1: the direct rounds hold only the two builds and the floor, and the proxy round is left out, so
// that many more alternating runs fit in the same time: builds a few ms apart need them on a busy machine.
const COMPARE_ONLY = COMPARE !== undefined && process.env.BENCH_COMPARE_ONLY === '1'

// Start-up alone: bare Node, and the bundle stopping at an input error (no request).
const inputError = (bundle: string, name: string): Candidate => ({
  name,
  command: (_baseUrl, dir) => ({ argv: [node, bundle], env: runnerEnv({ 'app-id': TEST_APP.appId, 'app-secret': '' }, dir).env })
})
const startup: Candidate[] = [
  { name: 'node -e 0', command: () => ({ argv: [node, '-e', '0'], env: credentials }) },
  inputError(BUNDLE, 'bundle, input error'),
  ...(COMPARE ? [inputError(COMPARE, 'BENCH_COMPARE_BUNDLE, input error')] : [])
]

interface Sample {
  wallMs: number
  /** User and system CPU time: what the machine's other work changes least. */
  cpuMs: number
  peakKb: number
  connections: number
  ok: boolean
}

async function measure(
  candidate: Candidate,
  baseUrl: string,
  connections: () => number,
  extraEnv: Record<string, string> = {}
): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-bench-'))
  const { argv, env } = candidate.command(baseUrl, dir)
  const before = connections()
  const { stdout } = await sh('python3', [bench('measure.py'), ...argv], { env: { ...env, ...extraEnv } })
  rmSync(dir, { recursive: true, force: true })
  const result = JSON.parse(stdout) as { wall_ms: number; cpu_ms: number; peak_kb: number; code: number; stderr: string }
  const expectFailure = candidate.name.endsWith('input error')
  return {
    wallMs: result.wall_ms,
    cpuMs: result.cpu_ms,
    peakKb: result.peak_kb,
    connections: connections() - before,
    ok: (result.code === 0) !== expectFailure
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function round(
  list: Candidate[],
  baseUrl: string,
  connections: () => number,
  runs = RUNS,
  extraEnv: Record<string, string> = {},
  mustPass = true
): Promise<Map<string, Sample[]>> {
  const samples = new Map(list.map(c => [c.name, [] as Sample[]]))
  const check = (c: Candidate, s: Sample): Sample => {
    if (mustPass && !s.ok) throw new Error(`${c.name} failed`)
    return s
  }
  if (mustPass) for (const c of list) check(c, await measure(c, baseUrl, connections, extraEnv)) // warm the file cache
  for (let i = 0; i < runs; i++) {
    // Alternate, rotating the order, so drift hits every candidate alike.
    for (let j = 0; j < list.length; j++) {
      const c = list[(i + j) % list.length]!
      samples.get(c.name)!.push(check(c, await measure(c, baseUrl, connections, extraEnv)))
    }
  }
  return samples
}

function table(samples: Map<string, Sample[]>, floorName: string, unit = 'TCP connections'): string {
  const floorMs = median(samples.get(floorName)!.map(s => s.wallMs))
  const rows = [...samples].map(([name, list]) => {
    const wall = median(list.map(s => s.wallMs))
    return `| ${name} | ${wall.toFixed(1)} ms | ${(wall / floorMs).toFixed(2)} | ${(Math.max(...list.map(s => s.peakKb)) / 1024).toFixed(1)} MiB | ${median(list.map(s => s.connections))} |`
  })
  return [
    `| candidate | median wall | ÷ ${floorName.split(' ')[0]} | peak memory | ${unit} / run |`,
    '| --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
}

/** One row of the comparison with BENCH_COMPARE_BUNDLE: wall and CPU time, this build's over the other's. */
function compare(label: string, samples: Map<string, Sample[]>, ours: string, theirs: string): string {
  const cells = (pick: (s: Sample) => number) => {
    const [a, b] = [ours, theirs].map(name => median(samples.get(name)!.map(pick)))
    return `${a!.toFixed(1)} ms | ${b!.toFixed(1)} ms | ${(a! / b!).toFixed(2)}`
  }
  return `| ${label} | ${cells(s => s.wallMs)} | ${cells(s => s.cpuMs)} |`
}
const comparison: string[] = []

function lossTable(samples: Map<string, Sample[]>): string {
  const rows = [...samples].map(([name, list]) => {
    const ok = list.filter(s => s.ok)
    const walls = ok.map(s => s.wallMs)
    return `| ${name} | ${ok.length}/${list.length} | ${walls.length ? `${median(walls).toFixed(0)} ms` : '-'} | ${walls.length ? `${Math.max(...walls).toFixed(0)} ms` : '-'} |`
  })
  return ['| candidate | runs that passed | median wall (passed) | worst wall (passed) |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

/** A reproducible share of lost connections (mulberry32). */
function lossy(share: number, seed = 7): (n: number) => boolean {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 < share
  }
}

const sandbox = await startSandbox({ tls: TLS })
const scheme = TLS ? 'https' : 'http'
console.log(
  `node ${versionOf(node)}, ${scheme}, ${RUNS} alternating runs per candidate; bundle ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB\n`
)
try {
  for (const delay of DELAYS) {
    const link = await startLink({ host: '127.0.0.1', port: sandbox.port }, { oneWayDelayMs: delay })
    const withBot = action({ 'check-bot': 'true' }, BUNDLE, 'action, check-bot: true')
    // The same requests: the catalogue read, and 20 calls resolved and checked against the scope list. A URL in the
    // list must name the API the run calls, here the link's.
    const calls = (baseUrl: string) => ({
      'required-calls': TWENTY_CALLS.replaceAll('https://open.feishu.cn', baseUrl),
      'on-missing-scopes': 'warn'
    })
    const withCalls = action(calls, BUNDLE, 'action, 20 required-calls')
    const samples = await round(
      COMPARE_ONLY ? [action(), ...compared, floor] : [action(), withBot, withCalls, ...compared, floor, sdk, curl()],
      `${scheme}://127.0.0.1:${link.port}`,
      link.connections
    )
    console.log(`### ${delay} ms each way (round trip ${2 * delay} ms)\n\n${table(samples, 'floor (node:https)')}\n`)
    if (COMPARE) comparison.push(compare(`${delay} ms each way`, samples, 'action (dist/index.cjs)', 'action (BENCH_COMPARE_BUNDLE)'))
    await link.close()
  }

  if (LOSSY) {
    // A lossy cross-border link: 20% of connections accepted and never answered, 50 ms each way. Each candidate
    // as a step would run it; a run still going after 60 s (the action's own default deadline) is killed and counts as failed.
    const link = await startLink({ host: '127.0.0.1', port: sandbox.port }, { oneWayDelayMs: 50, blackHole: lossy(0.2) })
    const list = [action(), curl(), curl('run: step, 2 curl --max-time 10 --retry 3', '--max-time 10 --retry 3'), sdk]
    const samples = await round(list, `${scheme}://127.0.0.1:${link.port}`, link.connections, LOSSY_RUNS, { BENCH_KILL_S: '60' }, false)
    console.log(
      `### Lossy link: 20% of connections black-holed, 50 ms each way (${LOSSY_RUNS} runs each; killed after 60 s)\n\n` +
        `${lossTable(samples)}\n\n${link.blackHoled()} of ${link.connections()} connections were black-holed.\n`
    )
    await link.close()
  }

  if (TLS && !COMPARE_ONLY) {
    // Through a corporate proxy, 50 ms each way between the runner and the proxy's far side.
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
    const link = await startLink({ host: '127.0.0.1', port: proxy.port }, { oneWayDelayMs: 50 })
    const viaProxy = { HTTPS_PROXY: `http://127.0.0.1:${link.port}`, https_proxy: `http://127.0.0.1:${link.port}` }
    const samples = await round([action(), curl()], 'https://feishu-sandbox.invalid', () => proxy.tunnels.length, RUNS, viaProxy)
    console.log(`### Through a CONNECT proxy, 50 ms each way\n\n${table(samples, 'action (dist/index.cjs)', 'CONNECT tunnels')}\n`)
    await link.close()
    await proxy.close()
  }

  const samples = await round(startup, sandbox.url, sandbox.connectionCount, STARTUP_RUNS)
  const bare = median(samples.get('node -e 0')!.map(s => s.wallMs))
  const bundle = median(samples.get('bundle, input error')!.map(s => s.wallMs))
  console.log(
    `### Start-up\n\n${table(samples, 'node -e 0')}\n\nLoading and starting the bundle costs ${(bundle - bare).toFixed(1)} ms over bare Node.`
  )
  if (COMPARE) {
    const other = median(samples.get('BENCH_COMPARE_BUNDLE, input error')!.map(s => s.wallMs))
    console.log(`BENCH_COMPARE_BUNDLE costs ${(other - bare).toFixed(1)} ms over bare Node.`)
    comparison.push(compare('start-up, input error', samples, 'bundle, input error', 'BENCH_COMPARE_BUNDLE, input error'))
    console.log(
      '\n### This build against BENCH_COMPARE_BUNDLE (medians)\n\n' +
        '| round | wall, this build | wall, the other | ratio | CPU, this build | CPU, the other | ratio |\n' +
        `| --- | --- | --- | --- | --- | --- | --- |\n${comparison.join('\n')}`
    )
  }
} finally {
  await sandbox.close()
}
