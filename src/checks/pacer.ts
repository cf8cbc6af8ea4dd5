// Keeping a kind of call within its rate limit, counted as the server counts it, and within the step's deadline.
import pLimit from 'p-limit'

/** Runs a call when its turn comes; `late`: its turn comes after the deadline, so the call must not be sent. */
export type Pacer = <T>(call: (late: boolean) => Promise<T>) => Promise<T>

export interface PacerClock {
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  /** The step's deadline (epoch ms): no wait runs past it. */
  readonly deadlineAt: number
}

/**
 * At most `limit` calls per `windowMs`, counted as the server counts them: a call may start only `windowMs` after
 * the answer of an earlier one (the server saw that call before it answered), so that however long each took to
 * arrive, no window at the server holds more than `limit`. There are `limit` turns: a call takes one that is free, or
 * waits for the earliest one an answered call frees. A wait that would end at or past the deadline is not waited: the
 * call runs at once as `late`. A call that was not sent (`notSent` says so of its error) gives its turn back as it
 * found it, so it takes no window.
 */
export function pacer(limit: number, windowMs: number, clock: PacerClock, notSent: (error: unknown) => boolean): Pacer {
  const { now, sleep, deadlineAt } = clock
  const slots = pLimit(limit)
  /** When each turn is free again, earliest first (a turn given back goes first); a turn not yet used is free now. */
  const freeAt: number[] = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY)
  return call =>
    slots(async () => {
      // pLimit runs at most `limit` calls at once, each holding one turn: there is always one here.
      const turn = freeAt.shift()!
      const late = turn >= deadlineAt
      if (!late && turn > now()) await sleep(turn - now())
      try {
        const result = await call(late)
        freeAt.push(now() + windowMs)
        return result
      } catch (error) {
        if (notSent(error)) freeAt.unshift(turn)
        else freeAt.push(now() + windowMs)
        throw error
      }
    })
}
