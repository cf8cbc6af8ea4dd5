// Keeping a kind of call within its rate limit, counted as the server counts it.
import pLimit from 'p-limit'

/** Runs a call when its turn comes. */
export type Pacer = <T>(call: () => Promise<T>) => Promise<T>

/**
 * At most `limit` calls per `windowMs`, counted as the server counts them: a call may start only `windowMs` after
 * the answer of an earlier one (the server saw that call before it answered), so that however long each took to
 * arrive, no window at the server holds more than `limit`. p-limit keeps `limit` at once; each call past the first
 * `limit` waits for the earliest answered one's window to pass.
 */
export function pacer(limit: number, windowMs: number, { now, sleep }: { now: () => number; sleep: (ms: number) => Promise<void> }): Pacer {
  const slots = pLimit(limit)
  /** When each answered call's window ends, earliest first; each is taken by one later call. */
  const freeAt: number[] = []
  let started = 0
  return call =>
    slots(async () => {
      if (started++ >= limit) {
        const wait = freeAt.shift()! - now()
        if (wait > 0) await sleep(wait)
      }
      try {
        return await call()
      } finally {
        freeAt.push(now() + windowMs)
      }
    })
}
