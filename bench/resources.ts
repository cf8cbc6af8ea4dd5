// `npm run bench` (third part): what 'required-access' adds to a run of dist/index.cjs, over a link with a delay each
// way (50 ms by default), against the sandbox over HTTPS. Two rounds, the candidates alternating in each:
// - the token alone, the token and 1 resource, the token and 10 (chats, Bases and calendars, whose per-second limits
//   leave room for all 10 at once), and the same 10 with edit rights asked of 4 of them: median wall time, what the
//   resources add in ms and in round trips, and the TCP connections and requests each run made;
// - 10 resources, and the same 10 with one check stalled once (accepted, never answered) under
//   attempt-timeout-seconds 1: the stalled check alone is retried, and what that costs.
// Each run is checked: the step passes, and each resource was asked exactly as often as it should be. Not a test.
import { startLink } from '../harness/link.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import { NODE24, versionOf } from '../harness/runtimes.js'
import {
  type Fault,
  type Sandbox,
  TEST_APP,
  TEST_CA_FILE,
  TEST_RESOURCE_IDS as ID,
  reachingMore,
  startSandbox
} from '../harness/sandbox.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
// Each stalled run waits out attempt-timeout-seconds and a backoff: about 2 s more than the others.
const STALL_RUNS = Number(process.env.BENCH_STALL_RUNS ?? 7)
const DELAY = Number(process.env.BENCH_RESOURCES_DELAY_MS ?? 50)
const TLS = process.env.BENCH_TLS !== '0'
const ROUND_TRIP = 2 * DELAY

// TEST_APP's reachable chat, Base and calendar, and more of each kind, so that 10 resources all pass: 4 chats, 3
// Bases and 3 calendars.
const reach = reachingMore(TEST_APP, 3, { access: 'edit', role: 'writer' })
const { app: APP, chats } = reach
const bases = reach.bases.slice(0, 3)
const calendars = reach.calendars.slice(0, 3)

/**
 * One line of 'required-access' and the paths of the requests that check it (edit rights on a Base: one more), as
 * the sandbox decodes them, without the query.
 */
interface Entry {
  line: string
  paths: string[]
}
const chat = (id: string): Entry => ({ line: id, paths: [`/open-apis/im/v1/chats/${id}/members/is_in_chat`] })
const base = (id: string, edit = false): Entry => ({
  line: `base:${id}${edit ? ' edit' : ''}`,
  paths: [`/open-apis/bitable/v1/apps/${id}`, ...(edit ? [`/open-apis/drive/v1/permissions/${id}/members/auth`] : [])]
})
// A calendar's edit rights are its role, in the same answer: no request more.
const calendar = (id: string, edit = false): Entry => ({
  line: `calendar:${id}${edit ? ' edit' : ''}`,
  paths: [`/open-apis/calendar/v4/calendars/${id}`]
})
const ten = (edit: boolean): Entry[] => [
  ...chats.map(id => chat(id)),
  base(bases[0]!),
  ...bases.slice(1).map(id => base(id, edit)),
  calendar(calendars[0]!),
  ...calendars.slice(1).map(id => calendar(id, edit))
]

interface Candidate {
  name: string
  entries: Entry[]
  inputs?: Record<string, string>
  /** Faults for the sandbox to answer this candidate's requests with, made afresh for each run. */
  faults?: () => Fault[]
  /** How often each path is asked in one run, when not once. */
  times?: Record<string, number>
}

interface Sample {
  wallMs: number
  connections: number
  requests: number
  /** The waits the retry lines announced, in ms. */
  backoffMs: number
}

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'

async function measure(sandbox: Sandbox, baseUrl: string, connections: () => number, candidate: Candidate): Promise<Sample> {
  const before = { requests: sandbox.requests.length, connections: connections() }
  if (candidate.faults) sandbox.failNext(...candidate.faults())
  let result: RunResult
  try {
    result = await runAction({
      inputs: {
        'app-id': APP.appId,
        'app-secret': APP.appSecret,
        'base-url': baseUrl,
        'required-access': candidate.entries.map(e => e.line).join('\n'),
        ...candidate.inputs
      },
      env: TLS ? { NODE_EXTRA_CA_CERTS: TEST_CA_FILE } : {}
    })
  } finally {
    sandbox.clearFaults()
  }
  const made = sandbox.requests.slice(before.requests)
  if (made.some(r => r.status === 429)) {
    throw new Error(
      `${candidate.name}: the sandbox answered 429. Its per-app rate limits count across runs, as Feishu's do: fewer BENCH_RUNS, or a longer BENCH_RESOURCES_DELAY_MS.`
    )
  }
  if (result.exitCode !== 0) throw new Error(`${candidate.name}: the step failed: ${result.errors.join('\n')}`)
  // Every resource asked as often as it should be, and nothing else: no request twice unless it stalled.
  const asked = new Map<string, number>()
  for (const { path: target } of made) {
    const path = decodeURIComponent(target.split('?')[0]!)
    asked.set(path, (asked.get(path) ?? 0) + 1)
  }
  const expected = new Map([TOKEN_PATH, ...candidate.entries.flatMap(e => e.paths)].map(path => [path, candidate.times?.[path] ?? 1]))
  if (JSON.stringify([...asked].sort()) !== JSON.stringify([...expected].sort())) {
    throw new Error(`${candidate.name}: requests by path ${JSON.stringify([...asked])}, expected ${JSON.stringify([...expected])}`)
  }
  const backoffMs = [...result.stdout.matchAll(/Retrying in ([\d.]+) s\./g)].reduce((sum, m) => sum + Number(m[1]) * 1000, 0)
  return {
    wallMs: result.durationMs,
    connections: connections() - before.connections,
    requests: made.length,
    backoffMs
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function round(sandbox: Sandbox, list: Candidate[], runs: number): Promise<Map<string, Sample[]>> {
  const link = await startLink({ host: '127.0.0.1', port: sandbox.port }, { oneWayDelayMs: DELAY })
  const baseUrl = `${TLS ? 'https' : 'http'}://127.0.0.1:${link.port}`
  const samples = new Map(list.map(c => [c.name, [] as Sample[]]))
  try {
    for (const c of list) await measure(sandbox, baseUrl, link.connections, c) // warm the file cache
    for (let i = 0; i < runs; i++) {
      // Alternate, rotating the order, so drift hits every candidate alike.
      for (let j = 0; j < list.length; j++) {
        const c = list[(i + j) % list.length]!
        samples.get(c.name)!.push(await measure(sandbox, baseUrl, link.connections, c))
      }
    }
  } finally {
    await link.close()
  }
  return samples
}

const ms = (value: number) => `${value.toFixed(0)} ms`
const signed = (value: number, digits = 0) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`

/** Medians, and what each candidate adds to the first (in ms and in round trips); `backoff`: the waits announced. */
function table(samples: Map<string, Sample[]>, backoff = false): string {
  const [first] = samples.values()
  const baseline = median(first!.map(s => s.wallMs))
  const head = ['candidate', 'median wall', 'added', 'added round trips', ...(backoff ? ['backoff announced'] : [])]
  head.push('TCP connections / run', 'requests / run')
  const rows = [...samples].map(([name, list], index) => {
    const wall = median(list.map(s => s.wallMs))
    const added = index === 0 ? ['', ''] : [`${signed(wall - baseline)} ms`, signed((wall - baseline) / ROUND_TRIP, 1)]
    const announced = backoff ? [index === 0 ? '' : ms(median(list.map(s => s.backoffMs)))] : []
    const counts = [median(list.map(s => s.connections)), median(list.map(s => s.requests))].map(String)
    return [name, ms(wall), ...added, ...announced, ...counts]
  })
  return [head, head.map(() => '---'), ...rows].map(cells => `| ${cells.join(' | ')} |`).join('\n')
}

// The sandbox enforces each call's limits per app across runs, as Feishu does: at these rates (at most 4 chats,
// 3 Bases and 3 calendars a run, a run every few hundred ms) a round stays inside them; measure stops the bench
// at the first 429.
const sandbox = await startSandbox({ tls: TLS, apps: [APP] })
console.log(
  `node ${versionOf(NODE24)}, ${TLS ? 'https' : 'http'}, ${DELAY} ms each way (round trip ${ROUND_TRIP} ms), ${RUNS} alternating runs per candidate\n`
)
try {
  const alone: Candidate = { name: 'token alone', entries: [] }
  const one: Candidate = { name: 'token + 1 resource (a chat)', entries: [chat(ID.releaseChat)] }
  const tenRead: Candidate = { name: 'token + 10 resources (4 chats, 3 Bases, 3 calendars)', entries: ten(false) }
  const tenEdit: Candidate = { name: 'token + the same 10, 4 with edit (2 of them Bases: 2 requests more)', entries: ten(true) }
  const samples = await round(sandbox, [alone, one, tenRead, tenEdit], RUNS)
  const wall = (c: Candidate) => median(samples.get(c.name)!.map(s => s.wallMs))
  // The reference: one check at a time costs a round trip each. Ten times the measured cost of one says the same.
  const serial = 10 * (wall(one) - wall(alone))
  console.log(
    `### What 'required-access' adds, ${DELAY} ms each way\n\n${table(samples)}\n\n` +
      `One at a time, 10 resources would add 10 round trips (${ms(10 * ROUND_TRIP)}); ten times the 1-resource cost ` +
      `measured here is ${ms(serial)} (${(serial / ROUND_TRIP).toFixed(1)} round trips).\n`
  )

  // One check stalls once (its request accepted and never answered): it alone is dropped after
  // attempt-timeout-seconds and retried, and every other resource is asked once (measure checks both).
  const stalledPath = base(bases[0]!).paths[0]!
  let stalled = false
  const stallOnce: Fault = req => {
    if (stalled || decodeURIComponent((req.url ?? '').split('?')[0]!) !== stalledPath) return 'pass'
    stalled = true
  }
  const quick = { 'attempt-timeout-seconds': '1' }
  const tenStalled: Candidate = {
    name: 'token + the same 10, 1 Base stalled once',
    entries: ten(false),
    inputs: quick,
    // One fault for each request of the run (the token, 10 checks, the retry): all but the stalled one pass.
    faults: () => {
      stalled = false
      return Array<Fault>(12).fill(stallOnce)
    },
    times: { [stalledPath]: 2 }
  }
  const stall = await round(sandbox, [{ ...alone, inputs: quick }, { ...tenRead, inputs: quick }, tenStalled], STALL_RUNS)
  const aloneWall = median(stall.get(alone.name)!.map(s => s.wallMs))
  // What the stalled check costs beyond the attempt's time limit and the backoff it announced.
  const beyond = median(stall.get(tenStalled.name)!.map(s => s.wallMs - aloneWall - 1000 - s.backoffMs))
  console.log(
    `### A stalled check, retried alone: attempt-timeout-seconds 1, ${DELAY} ms each way, ${STALL_RUNS} alternating runs\n\n` +
      `${table(stall, true)}\n\n` +
      "In every stalled run, the stalled Base was asked twice and every other resource once. Beyond the attempt's 1 s " +
      `and the backoff, the stalled check cost ${ms(beyond)} (${(beyond / ROUND_TRIP).toFixed(1)} round trips) over the token alone.`
  )
} finally {
  await sandbox.close()
}
