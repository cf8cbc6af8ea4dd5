// 50 runs of the bundle at once against a sandbox that rate-limits like the Feishu gateway
// (429, code 99991400, x-ogw-ratelimit-reset): every run must get its token, with default settings.
import { runBundle, sharedSandbox } from '../support/action.js'

const RUNS = 50
const PER_SECOND = 10
const sandbox = sharedSandbox({ rateLimitPerSecond: PER_SECOND })

it(`${RUNS} runs at once, rate limited to ${PER_SECOND} requests a second, all get a token within the deadline`, async () => {
  const results = await Promise.all(Array.from({ length: RUNS }, () => runBundle({ sandbox: sandbox(), killAfterMs: 90_000 })))
  const failed = results.filter(r => r.exitCode !== 0)
  expect(failed.map(r => r.errors[0])).toEqual([])
  for (const result of results) {
    expect(result.outputs.token).toMatch(/^t-/)
    expect(result.durationMs).toBeLessThan(60_000)
  }
  const limited = sandbox().requests.length - RUNS
  // The limit was really hit, and the runs waited it out rather than hammering the server.
  expect(limited).toBeGreaterThan(0)
  expect(results.some(r => /Attempt 1 of 4 failed: code 99991400 \(HTTP 429\).*Retrying in/.test(r.stdout))).toBe(true)
}, 120_000)
