import { isRetried as isTransient, shortFailure } from '../../src/words/failures.js'
import { type Failure, RequestError } from '../../src/feishu/failure.js'
import { type RetryPolicy, backoffMs, withRetry } from '../../src/feishu/retry.js'

const fail = (failure: Failure, retryAfterMs?: number) => new RequestError(failure, 'token', 'LOG', retryAfterMs)

/** A clock that only moves when the code sleeps. */
function fakeTime(timeoutMs = 60_000, maxAttempts = 4, random = 0.5) {
  let now = 1_000_000
  const sleeps: number[] = []
  const lines: string[] = []
  const policy: RetryPolicy = {
    maxAttempts,
    deadlineAt: now + timeoutMs,
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms)
      now += ms
    },
    random: () => random,
    onRetry: line => void lines.push(line),
    isRetried: isTransient,
    describe: shortFailure
  }
  return { policy, sleeps, lines }
}

describe('isTransient', () => {
  it.each<[Failure, boolean]>([
    [{ kind: 'network', errno: 'ECONNRESET' }, true],
    [{ kind: 'network', errno: 'ECONNREFUSED' }, true],
    [{ kind: 'network', errno: 'ETIMEDOUT' }, true],
    [{ kind: 'network', errno: 'EAI_AGAIN' }, true],
    [{ kind: 'network', errno: 'ENOTFOUND' }, false],
    [{ kind: 'network', errno: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, false],
    [{ kind: 'timeout', limit: 'step', timeoutMs: 1 }, true],
    [{ kind: 'truncated', status: 200 }, true],
    [{ kind: 'http', status: 500 }, true],
    [{ kind: 'http', status: 503 }, true],
    [{ kind: 'http', status: 429 }, true],
    [{ kind: 'http', status: 404 }, false],
    [{ kind: 'not-json', status: 502, bytes: 10 }, true],
    [{ kind: 'not-json', status: 200, bytes: 10 }, false],
    [{ kind: 'feishu', code: 99991400, msg: '', status: 200 }, true],
    [{ kind: 'feishu', code: 99991400, msg: '', status: 400 }, true],
    [{ kind: 'feishu', code: 1234, msg: '', status: 429 }, true],
    [{ kind: 'feishu', code: 1234, msg: '', status: 500 }, true],
    [{ kind: 'feishu', code: 10003, msg: '', status: 200 }, false],
    [{ kind: 'feishu', code: 10014, msg: '', status: 500 }, false],
    [{ kind: 'feishu', code: 99991543, msg: '', status: 200 }, false],
    [{ kind: 'feishu', code: 212100, msg: '', status: 400 }, false],
    [{ kind: 'feishu', code: 99991663, msg: '', status: 400 }, false],
    [{ kind: 'redirect', status: 302 }, false],
    [{ kind: 'too-large', status: 200, limitBytes: 1 }, false],
    [{ kind: 'malformed', status: 200, detail: '' }, false]
  ])('%j: %s', (failure, expected) => {
    expect(isTransient(failure)).toBe(expected)
  })
})

describe('backoffMs', () => {
  it('doubles from 1 s with jitter in the upper half, up to 16 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(n => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
    expect([1, 2, 3, 4, 5, 6, 9].map(n => backoffMs(n, () => 0.999999))).toEqual([1000, 2000, 4000, 8000, 16000, 16000, 16000])
  })

  it('waits what the server asks, then backs off, so clients limited together do not return together', () => {
    expect(backoffMs(1, () => 0, 3000)).toBe(3500)
    expect(backoffMs(1, () => 0.999999, 3000)).toBe(4000)
    expect(backoffMs(3, () => 0.5, 3000)).toBe(6000)
  })
})

describe('withRetry', () => {
  it('returns the first success without waiting', async () => {
    const { policy, sleeps } = fakeTime()
    await expect(withRetry(async () => 'ok', policy)).resolves.toBe('ok')
    expect(sleeps).toEqual([])
  })

  it('retries transient failures with backoff and logs one line each', async () => {
    const { policy, sleeps, lines } = fakeTime()
    let calls = 0
    const result = await withRetry(async () => {
      if (++calls < 3) throw fail({ kind: 'http', status: 503 })
      return calls
    }, policy)
    expect(result).toBe(3)
    expect(sleeps).toEqual([750, 1500])
    expect(lines).toEqual([
      'Attempt 1 of 4 failed: HTTP 503, log id LOG. Retrying in 0.8 s.',
      'Attempt 2 of 4 failed: HTTP 503, log id LOG. Retrying in 1.5 s.'
    ])
  })

  it('never retries a permanent failure', async () => {
    const { policy, sleeps } = fakeTime()
    let calls = 0
    const error = fail({ kind: 'feishu', code: 10014, msg: 'app secret invalid', status: 200 })
    await expect(
      withRetry(async () => {
        calls++
        throw error
      }, policy)
    ).rejects.toBe(error)
    expect(calls).toBe(1)
    expect(sleeps).toEqual([])
  })

  it('stops after max attempts with the last error', async () => {
    const { policy } = fakeTime(600_000, 3)
    let calls = 0
    await expect(
      withRetry(async () => {
        throw fail({ kind: 'network', errno: `ECONNRESET` }, ++calls)
      }, policy)
    ).rejects.toMatchObject({ retryAfterMs: 3 })
    expect(calls).toBe(3)
  })

  it("waits as long as the rate limit's reset says", async () => {
    const { policy, sleeps } = fakeTime(60_000, 4, 0)
    let calls = 0
    await withRetry(async () => {
      if (++calls === 1) throw fail({ kind: 'feishu', code: 99991400, msg: '', status: 429 }, 7000)
      return 'ok'
    }, policy)
    expect(sleeps).toEqual([7500])
  })

  it('fails at once when the wait would pass the deadline', async () => {
    const { policy, sleeps } = fakeTime(5_000)
    const error = fail({ kind: 'feishu', code: 99991400, msg: '', status: 429 }, 30_000)
    await expect(
      withRetry(async () => {
        throw error
      }, policy)
    ).rejects.toBe(error)
    expect(sleeps).toEqual([])
  })

  it('gives each attempt the time left before the deadline', async () => {
    const { policy } = fakeTime(10_000)
    const given: number[] = []
    await withRetry(async left => {
      given.push(left)
      if (given.length < 3) throw fail({ kind: 'http', status: 500 })
      return 'ok'
    }, policy)
    expect(given).toEqual([10_000, 9_250, 7_750])
  })

  it('lets a bug through unchanged, without retrying', async () => {
    const { policy } = fakeTime()
    let calls = 0
    await expect(
      withRetry(async () => {
        calls++
        throw new TypeError('bug')
      }, policy)
    ).rejects.toThrow(TypeError)
    expect(calls).toBe(1)
  })
})

describe('withRetry: the deadline and the attempts, at their edges', () => {
  it('does not start a wait that leaves the next attempt less than a second: the real reason stands', async () => {
    // 2 s left, and the server asks for 1 s: with the backoff, waiting would leave 0.5 s, an attempt that could only
    // time out.
    const { policy, sleeps } = fakeTime(2_000, 4, 0)
    const limited = fail({ kind: 'feishu', code: 99991400, msg: '', status: 429 }, 1_000)
    await expect(
      withRetry(async () => {
        throw limited
      }, policy)
    ).rejects.toBe(limited)
    expect(sleeps).toEqual([])
  })

  it('fails at once when the wait would leave the next attempt less than a second, and waits when it leaves one', async () => {
    // The first backoff with this jitter is 750 ms: 1749 ms leave 999 ms after it, 1750 ms a whole second.
    const exact = fakeTime(1_749)
    const error = fail({ kind: 'http', status: 503 })
    await expect(
      withRetry(async () => {
        throw error
      }, exact.policy)
    ).rejects.toBe(error)
    expect(exact.sleeps).toEqual([])

    const before = fakeTime(1_750)
    let calls = 0
    await withRetry(async () => {
      if (++calls === 1) throw fail({ kind: 'http', status: 503 })
      return 'ok'
    }, before.policy)
    expect(before.sleeps).toEqual([750])
  })

  it('tries exactly max-attempts times, and once when max-attempts is 1', async () => {
    for (const maxAttempts of [1, 2]) {
      const { policy, sleeps } = fakeTime(600_000, maxAttempts)
      let calls = 0
      await expect(
        withRetry(async () => {
          calls++
          throw fail({ kind: 'http', status: 503 })
        }, policy)
      ).rejects.toBeInstanceOf(RequestError)
      expect(calls).toBe(maxAttempts)
      expect(sleeps).toHaveLength(maxAttempts - 1)
    }
  })

  it('a retry that was never sent (its turn came after the deadline) fails with the failure before it', async () => {
    const { policy } = fakeTime()
    const stalled = fail({ kind: 'timeout', limit: 'attempt', timeoutMs: 2000 })
    const notSent = fail({ kind: 'timeout', limit: 'step', timeoutMs: 6000, notSent: true })
    const attempts = [stalled, notSent]
    await expect(withRetry(async () => Promise.reject(attempts.shift()), policy)).rejects.toBe(stalled)
    // The first attempt not sent has nothing before it: it is the failure.
    await expect(withRetry(async () => Promise.reject(notSent), policy)).rejects.toBe(notSent)
  })

  it('leaves the log id out of the retry line when there is none', async () => {
    const { policy, lines } = fakeTime()
    let calls = 0
    await withRetry(async () => {
      if (++calls === 1) throw new RequestError({ kind: 'http', status: 502 }, 'scopes')
      return 'ok'
    }, policy)
    expect(lines).toEqual(['Attempt 1 of 4 failed: HTTP 502. Retrying in 0.8 s.'])
  })
})
