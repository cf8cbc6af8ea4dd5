// The resource checks on the network: several at once on the run's one agent, and a stalled one dropped and retried
// alone, the others asked once. The built bundle, run as the runner runs it, against the sandbox (through a link
// that delays each direction, where the overlap of the checks matters). `npm run bench` times the same runs.
import { startLink } from '../harness/link.js'
import { type RunResult, runAction } from '../harness/run-action.js'
import { type Fault, type Sandbox, TEST_APP, reachingMore, startSandbox } from '../harness/sandbox.js'
import { MAX_IN_FLIGHT } from '../src/checks/access.js'
import { findLeaks } from './support/leaks.js'

// TEST_APP's chat, Base and calendar, and three more of each kind: 10 resources it reaches, of the kinds whose
// per-second limits let all 10 go at once.
const { app: APP, chats, bases, calendars } = reachingMore(TEST_APP, 3, { access: 'read', role: 'reader' })
// 10 lines of 'required-access', and the path of each one's request as the sandbox records it (decoded, no query).
const TEN = [
  ...chats.map(id => [id, `/open-apis/im/v1/chats/${id}/members/is_in_chat`]),
  ...bases.slice(0, 3).map(id => [`base:${id}`, `/open-apis/bitable/v1/apps/${id}`]),
  ...calendars.slice(0, 3).map(id => [`calendar:${id}`, `/open-apis/calendar/v4/calendars/${id}`])
] as const
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'

let sandbox: Sandbox
afterEach(async () => {
  await sandbox?.close()
})

async function checkTen(baseUrl: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  const result = await runAction({
    inputs: {
      'app-id': APP.appId,
      'app-secret': APP.appSecret,
      'base-url': baseUrl,
      'required-access': TEN.map(([line]) => line).join('\n'),
      ...inputs
    },
    env: { RUNNER_DEBUG: '1' }
  })
  expect(findLeaks(result, [APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  return result
}

const pathOf = (target: string) => decodeURIComponent(target.split('?')[0]!)
/** How many times each path was asked, sorted by path. */
const askedByPath = () => {
  const asked = new Map<string, number>()
  for (const { path } of sandbox.requests) asked.set(pathOf(path), (asked.get(pathOf(path)) ?? 0) + 1)
  return [...asked].sort()
}

it("10 checks go several at once on the run's one agent: more than one connection, never more than MAX_IN_FLIGHT", async () => {
  sandbox = await startSandbox({ apps: [APP] })
  // 20 ms each way: every check is still in flight when the last one is started.
  const link = await startLink({ host: '127.0.0.1', port: sandbox.port }, { oneWayDelayMs: 20 })
  try {
    const result = await checkTen(link.url)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-access']).toBe('[]')
    expect(askedByPath()).toEqual([[TOKEN_PATH, 1], ...TEN.map(([, path]) => [path, 1])].sort())
    const connections = new Set(sandbox.requests.map(r => r.connection))
    expect(connections.size).toBeGreaterThan(1)
    expect(connections.size).toBeLessThanOrEqual(MAX_IN_FLIGHT)
    // The token's kept-alive connection carries checks too.
    expect(sandbox.requests.filter(r => r.connection === sandbox.requests[0]!.connection).length).toBeGreaterThan(1)
    expect(link.connections()).toBe(connections.size)
  } finally {
    await link.close()
  }
})

it('a stalled check is dropped after attempt-timeout-seconds and retried alone; every other resource is asked once', async () => {
  sandbox = await startSandbox({ apps: [APP] })
  const stalledPath = `/open-apis/bitable/v1/apps/${bases[0]}`
  let stalled = false
  const stallOnce: Fault = req => {
    if (stalled || pathOf(req.url ?? '') !== stalledPath) return 'pass'
    stalled = true
  }
  // One fault for each request the run makes (the token, 10 checks, the retry): the Base's first request gets no
  // answer, every other one the sandbox's own.
  sandbox.failNext(...Array<Fault>(12).fill(stallOnce))
  const result = await checkTen(sandbox.url, { 'attempt-timeout-seconds': '1' })

  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(result.outputs['missing-access']).toBe('[]')
  expect(askedByPath()).toEqual([[TOKEN_PATH, 1], ...TEN.map(([, path]) => [path, path === stalledPath ? 2 : 1])].sort())
  expect(result.lines.filter(line => line.includes('Attempt '))).toEqual([
    expect.stringMatching(/^Base \w+: Attempt 1 of 4 failed: no answer in 1 s\./)
  ])
  // The stalled attempt's connection was dropped with it: the retry went on another one. Every other answer was 200.
  const [first, retry] = sandbox.requests.filter(r => pathOf(r.path) === stalledPath)
  expect(first!.status).toBeUndefined()
  expect(retry!.connection).not.toBe(first!.connection)
  expect(sandbox.requests.filter(r => r !== first).map(r => r.status)).toEqual(Array(11).fill(200))
})
