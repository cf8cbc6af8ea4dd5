// An index of a catalogue, built on first use and kept with it (src/catalogue/lazy.ts).
import { perCatalogue } from '../../src/catalogue/lazy.js'
import { small } from './small.js'

describe('perCatalogue', () => {
  it('builds an index once per catalogue, on first use, and gives the same one after', () => {
    const built: unknown[] = []
    const indexOf = perCatalogue(catalogue => {
      built.push(catalogue)
      return { calls: catalogue.tenantCalls.length }
    })
    const one = small('GET /open-apis/demo/v1/a demo_a_get tenant demo:a')
    const two = { ...one }
    expect(built).toEqual([])
    const first = indexOf(one)
    expect(indexOf(one)).toBe(first)
    expect(first).toEqual({ calls: 1 })
    expect(indexOf(two)).not.toBe(first)
    expect(built).toEqual([one, two])
  })
})
