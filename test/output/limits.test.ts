import { OUTPUTS_BUDGET_BYTES, SHOWN_ROWS, firstRows, fitLists, outputSize } from '../../src/output/limits.js'

/** `prefix:00`, `prefix:01`...: scope-like names of 4 characters, 6 with their quotes in JSON. */
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}:${String(i).padStart(2, '0')}`)

describe('outputSize', () => {
  it('counts UTF-16 bytes for ASCII and UTF-8 bytes for Chinese: whichever is more', () => {
    expect(outputSize('')).toBe(0)
    expect(outputSize('a')).toBe(2)
    expect(outputSize('im:message')).toBe(20)
    expect(outputSize('中')).toBe(3)
    expect(outputSize('中文名')).toBe(9)
    expect(outputSize('😀')).toBe(4)
  })

  it('keeps the budget at half of the 1 MiB that all outputs of a job share', () => {
    expect(OUTPUTS_BUDGET_BYTES).toBe(524_288)
    expect(outputSize('a'.repeat(262_144))).toBe(OUTPUTS_BUDGET_BYTES)
  })
})

describe('firstRows', () => {
  it('shows the first 100 rows and counts the rest', () => {
    const items = Array.from({ length: 150 }, (_, i) => i)
    expect(SHOWN_ROWS).toBe(100)
    const { rows, more } = firstRows(items)
    expect(rows).toEqual(items.slice(0, 100))
    expect(more).toBe(50)
  })

  it('shows a short list whole, with nothing more', () => {
    expect(firstRows(['a', 'b'])).toEqual({ rows: ['a', 'b'], more: 0 })
    expect(firstRows(['a', 'b'], 2)).toEqual({ rows: ['a', 'b'], more: 0 })
    expect(firstRows(['a', 'b', 'c'], 2)).toEqual({ rows: ['a', 'b'], more: 1 })
  })
})

describe('fitLists', () => {
  it('keeps every list whole when they fit, and reports no cut', () => {
    const fitted = fitLists({ granted: ['im:message', 'bitable:app'], unexpected: [] }, 1000)
    expect(fitted).toEqual({ values: { granted: '["im:message","bitable:app"]', unexpected: '[]' }, cut: [] })
  })

  it('takes a budget exactly as large as the lists: nothing is cut', () => {
    // Each list is 14 bytes as outputSize counts it: the first takes its share of 14 exactly, the second what is left.
    expect(outputSize(JSON.stringify(['a:b']))).toBe(14)
    expect(fitLists({ one: ['a:b'], two: ['c:d'] }, 28).cut).toEqual([])
    // A byte less: the first's share is 13, so it is cut (to '[]', 4 bytes), and the second has room.
    expect(fitLists({ one: ['a:b'], two: ['c:d'] }, 27)).toEqual({
      values: { one: '[]', two: '["c:d"]' },
      cut: [{ name: 'one', kept: 0, total: 1 }]
    })
  })

  it('gives the smallest lists their share first; the larger ones share what they leave, each keeping its first names', () => {
    // Budget 200 for three lists of 14, 142 and 282 bytes. The smallest fits its third (66) and leaves 186. The next
    // gets half of that (93): brackets (4) and six names (12 each, and 2 for each comma) take 86. The last gets the
    // 100 that leave: seven names take exactly 100. Together 14 + 86 + 100: the whole budget, not a byte over.
    const fitted = fitLists({ more: names('t', 20), few: ['a:b'], many: names('s', 10) }, 200)
    expect(fitted.values).toEqual({
      few: '["a:b"]',
      many: JSON.stringify(names('s', 6)),
      more: JSON.stringify(names('t', 7))
    })
    expect(fitted.cut).toEqual([
      { name: 'many', kept: 6, total: 10 },
      { name: 'more', kept: 7, total: 20 }
    ])
    const used = Object.values(fitted.values).reduce((sum, value) => sum + outputSize(value), 0)
    expect(used).toBe(200)
  })

  it('keeps no name, and an empty array, when not even one fits', () => {
    expect(fitLists({ long: ['contact:user.base:readonly'] }, 10)).toEqual({
      values: { long: '[]' },
      cut: [{ name: 'long', kept: 0, total: 1 }]
    })
  })

  it('counts a name by its UTF-8 bytes when those are more', () => {
    // '["中文"]': 6 characters, 12 bytes as UTF-16, 10 as UTF-8: 12 counts, and fits a budget of 12.
    expect(fitLists({ zh: ['中文'] }, 12).cut).toEqual([])
    // Three Chinese names of 4 characters: 14 UTF-8 bytes each with quotes, more than their 12 UTF-16 bytes.
    const zh = ['中文名字', '中文名字', '中文名字']
    expect(outputSize(JSON.stringify(zh[0]))).toBe(14)
    // Brackets (4), two names (28) and a comma (2): 34.
    expect(fitLists({ zh }, 34).cut).toEqual([{ name: 'zh', kept: 2, total: 3 }])
    expect(fitLists({ zh }, 33).cut).toEqual([{ name: 'zh', kept: 1, total: 3 }])
  })
})
