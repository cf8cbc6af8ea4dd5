import { FeishuError, type Failure, shortFailure } from './errors.js'

const TRANSIENT_ERRNO = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

/** Codes that no retry can fix: a wrong App ID or secret gets its error at once. */
const PERMANENT_CODES = new Set([10003, 10014, 99991543, 212100])
const RATE_LIMITED = 99991400

export function isTransient(failure: Failure): boolean {
  switch (failure.kind) {
    case 'network':
      // A proxy that could not reach the server, or is overloaded, may do better next time.
      return TRANSIENT_ERRNO.has(failure.errno) || /^PROXY_5\d\d$/.test(failure.errno)
    case 'timeout':
    case 'truncated':
      return true
    case 'http':
    case 'not-json':
      return failure.status >= 500 || failure.status === 429
    case 'feishu':
      if (PERMANENT_CODES.has(failure.code)) return false
      return failure.code === RATE_LIMITED || failure.status === 429 || failure.status >= 500
    default:
      return false
  }
}

export interface RetryPolicy {
  readonly maxAttempts: number
  /** Epoch ms by which the whole step must be done, retries included. */
  readonly deadline: number
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  /** In [0, 1): the jitter. */
  readonly random: () => number
  readonly onRetry: (line: string) => void
}

const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 16000

/**
 * Exponential backoff with jitter, from 0.5-1 s up to 8-16 s. A server's own wait (rate limit reset,
 * Retry-After) comes first, then the backoff: clients limited together do not all come back together.
 */
export function backoffMs(failedAttempt: number, random: () => number, retryAfterMs = 0): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedAttempt - 1))
  return retryAfterMs + Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts or would pass the deadline.
 * `attempt` gets the time it has left. Only FeishuErrors are retried; anything else is a bug and goes straight up.
 */
export async function withRetry<T>(attempt: (remainingMs: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(policy.deadline - policy.now())
    } catch (error) {
      if (!(error instanceof FeishuError) || !isTransient(error.failure) || n >= policy.maxAttempts) throw error
      const wait = backoffMs(n, policy.random, error.retryAfterMs)
      const left = policy.deadline - policy.now()
      // Waiting past the deadline cannot help: fail now with the real reason.
      if (wait >= left) throw error
      policy.onRetry(
        `Attempt ${n} of ${policy.maxAttempts} failed: ${shortFailure(error.failure)}${error.logId ? `, log id ${error.logId}` : ''}. ` +
          `Retrying in ${(wait / 1000).toFixed(1)} s.`
      )
      await policy.sleep(wait)
    }
  }
}
