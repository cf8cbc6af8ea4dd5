import { pacer } from '../../src/checks/pacer.js'

const WINDOW = 1000
const NOT_SENT = new Error('not sent')
const notSent = (error: unknown): boolean => error === NOT_SENT

/** A clock that only moves when a call takes time or the pacer sleeps; every sleep is recorded (ms). */
function fakeClock(deadlineAt = Number.POSITIVE_INFINITY) {
  const clock = {
    at: 0,
    sleeps: [] as number[],
    deadlineAt,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms)
      clock.at += ms
    }
  }
  return clock
}

/** A call that takes `ms` of the clock, then answers (or throws `error`); records when it started and whether late. */
function recorder(clock: ReturnType<typeof fakeClock>) {
  const started: Array<{ at: number; late: boolean }> = []
  const call =
    (ms = 0, error?: Error) =>
    async (late: boolean): Promise<string> => {
      started.push({ at: clock.at, late })
      clock.at += ms
      if (error) throw error
      return 'answer'
    }
  return { started, call }
}

describe('pacer: at most `limit` calls per window, counted from each answer', () => {
  it('runs the first `limit` calls at once, and the next one a window after the earliest answer', async () => {
    const clock = fakeClock()
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    expect(await pace(call(100))).toBe('answer')
    await pace(call(300))
    await pace(call())
    await pace(call())
    expect(started).toEqual([
      { at: 0, late: false },
      { at: 100, late: false },
      // The first answer came at 100, the second at 400.
      { at: 1100, late: false },
      { at: 1400, late: false }
    ])
    expect(clock.sleeps).toEqual([700, 300])
  })

  it('does not sleep when the turn is already free', async () => {
    const clock = fakeClock()
    const pace = pacer(1, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    clock.at = WINDOW
    await pace(call())
    clock.at = 5000
    await pace(call())
    expect(started.map(s => s.at)).toEqual([0, 1000, 5000])
    expect(clock.sleeps).toEqual([])
  })

  it('holds the calls that come together until their turns, `limit` at a time', async () => {
    const clock = fakeClock()
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await Promise.all([pace(call()), pace(call()), pace(call()), pace(call()), pace(call())])
    expect(started.map(s => s.at)).toEqual([0, 0, 1000, 1000, 2000])
  })

  it('counts a call that was sent and failed as answered: the next one waits its window', async () => {
    const clock = fakeClock()
    const pace = pacer(1, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    const failure = new Error('HTTP 500')
    await expect(pace(call(200, failure))).rejects.toBe(failure)
    await pace(call())
    expect(started.map(s => s.at)).toEqual([0, 1200])
    expect(clock.sleeps).toEqual([1000])
  })
})

describe('pacer: a call that was not sent takes no window', () => {
  it('gives a turn nobody had used back free', async () => {
    const clock = fakeClock()
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    await expect(pace(call(0, NOT_SENT))).rejects.toBe(NOT_SENT)
    // The turn the unsent call held is free again: this call runs at once, and only the one after it waits.
    await pace(call())
    await pace(call())
    expect(started.map(s => s.at)).toEqual([0, 0, 0, 1000])
  })

  it('gives back a turn that an answered call had freed, first in line', async () => {
    const clock = fakeClock()
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    await pace(call(10))
    // Turns free at 1000 and 1010. This one waits for the first, is not sent, and gives it back:
    await expect(pace(call(0, NOT_SENT))).rejects.toBe(NOT_SENT)
    // so this one takes the turn free at 1000, not the one at 1010,
    await pace(call(500))
    // and this one the turn free at 1010, already past.
    await pace(call())
    expect(started.map(s => s.at)).toEqual([0, 0, 1000, 1000, 1500])
  })

  it('gives back the turn of a call that was in flight while another waited for the window', async () => {
    const clock = fakeClock()
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    let release!: () => void
    const held = pace(async late => {
      started.push({ at: clock.at, late })
      await new Promise<void>(resolve => {
        release = resolve
      })
      throw NOT_SENT
    })
    // The second turn is held; the third call waits for the first turn, free at 1000.
    await pace(call())
    release()
    await expect(held).rejects.toBe(NOT_SENT)
    // The held turn came back free: no wait for this one.
    await pace(call())
    expect(started.map(s => s.at)).toEqual([0, 0, 1000, 1000])
  })
})

describe('pacer: the deadline', () => {
  it('never sleeps to or past the deadline: a turn that comes then runs at once as late', async () => {
    for (const deadlineAt of [WINDOW, WINDOW + 1, WINDOW - 1]) {
      const clock = fakeClock(deadlineAt)
      const pace = pacer(1, WINDOW, clock, notSent)
      const { started, call } = recorder(clock)
      await pace(call())
      await pace(call())
      const late = deadlineAt <= WINDOW
      expect(started).toEqual([
        { at: 0, late: false },
        { at: late ? 0 : WINDOW, late }
      ])
      expect(clock.sleeps).toEqual(late ? [] : [WINDOW])
    }
  })

  it('keeps a late turn for the next call when the late call was not sent: that one is late too', async () => {
    const clock = fakeClock(500)
    const pace = pacer(1, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    await expect(pace(call(0, NOT_SENT))).rejects.toBe(NOT_SENT)
    await expect(pace(call(0, NOT_SENT))).rejects.toBe(NOT_SENT)
    expect(started).toEqual([
      { at: 0, late: false },
      { at: 0, late: true },
      { at: 0, late: true }
    ])
    expect(clock.sleeps).toEqual([])
  })

  it('sends the first calls even when the deadline has passed: the caller decides what a call with no time left does', async () => {
    const clock = fakeClock(-1)
    const pace = pacer(2, WINDOW, clock, notSent)
    const { started, call } = recorder(clock)
    await pace(call())
    await pace(call())
    expect(started).toEqual([
      { at: 0, late: false },
      { at: 0, late: false }
    ])
  })
})
