// Trying a request again: which failures are worth it is a row of the failure tables (src/words/failures.ts and
// codes.ts, handed in as `isRetried`); this file decides when, how often and for how long.
import { type Failure, RequestError, wasNotSent } from './failure.js'

export interface RetryPolicy {
  readonly maxAttempts: number
  /** The instant (epoch ms) by which the whole step must be done, retries included. */
  readonly deadlineAt: number
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  /** In [0, 1): the jitter. */
  readonly random: () => number
  readonly onRetry: (line: string) => void
  /** Whether another attempt can help (the failure tables' rows). */
  readonly isRetried: (failure: Failure) => boolean
  /** The failure in a few words, for the retry line. */
  readonly describe: (failure: Failure) => string
}

const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 16000
/** The least time worth giving another attempt: a new connection across a border alone takes most of a second. */
export const MIN_ATTEMPT_MS = 1000

/**
 * Exponential backoff with jitter, from 0.5-1 s up to 8-16 s. A server's own wait (rate limit reset,
 * Retry-After) comes first, then the backoff: clients limited together do not all come back together.
 */
export function backoffMs(failedAttempt: number, random: () => number, retryAfterMs = 0): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedAttempt - 1))
  return retryAfterMs + Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts, or until a wait would leave the next attempt
 * less than MIN_ATTEMPT_MS before the deadline.
 * `attempt` gets the time it has left. Only RequestErrors are retried; anything else is a bug and goes straight up.
 * Throws the last failure of a request that was sent: a retry that was not sent throws the one before it.
 */
export async function withRetry<T>(attempt: (remainingMs: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  let previous: RequestError | undefined
  for (let n = 1; ; n++) {
    try {
      return await attempt(policy.deadlineAt - policy.now())
    } catch (error) {
      // A retry never sent (its turn came after the deadline) says nothing new: the failure before it stands.
      if (previous && wasNotSent(error)) throw previous
      if (!(error instanceof RequestError) || !policy.isRetried(error.failure) || n >= policy.maxAttempts) throw error
      previous = error
      const waitMs = backoffMs(n, policy.random, error.retryAfterMs)
      // A wait that leaves the next attempt too little time cannot help (it would only fail as a timeout): fail now,
      // with the real reason.
      if (waitMs + MIN_ATTEMPT_MS > policy.deadlineAt - policy.now()) throw error
      policy.onRetry(
        `Attempt ${n} of ${policy.maxAttempts} failed: ${policy.describe(error.failure)}${error.logId ? `, log id ${error.logId}` : ''}. ` +
          `Retrying in ${(waitMs / 1000).toFixed(1)} s.`
      )
      await policy.sleep(waitMs)
    }
  }
}
