// 50 runs of the bundle at once against a sandbox that rate-limits like the Feishu gateway
// (429, code 99991400, x-ogw-ratelimit-reset): every run must get its token, with default settings.
import { runAction } from '../harness/run-action.js'
import { findLeaks } from './support/leaks.js'
import { type Sandbox, TEST_APP, startSandbox } from '../harness/sandbox.js'

const RUNS = 50
const PER_SECOND = 10
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimitPerSecond: PER_SECOND })
})
afterAll(async () => {
  await sandbox.close()
})

it(`${RUNS} runs at once, rate limited to ${PER_SECOND} requests a second, all get a token within the deadline`, async () => {
  const results = await Promise.all(
    Array.from({ length: RUNS }, () =>
      runAction({ inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url }, killAfterMs: 90_000 })
    )
  )
  const failed = results.filter(r => r.exitCode !== 0)
  expect(failed.map(r => r.errors[0])).toEqual([])
  for (const result of results) {
    expect(result.outputs.token).toMatch(/^t-/)
    expect(result.durationMs).toBeLessThan(60_000)
    expect(findLeaks(result, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  }
  const limited = sandbox.requests.length - RUNS
  // The limit was really hit, and the runs waited it out rather than hammering the server.
  expect(limited).toBeGreaterThan(0)
  expect(results.some(r => /Attempt 1 of 4 failed: code 99991400 \(HTTP 429\).*Retrying in/.test(r.stdout))).toBe(true)
}, 120_000)
