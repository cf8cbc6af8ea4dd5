// The "did you mean" of a typo (src/catalogue/distance.ts): the edit distance, and the nearest candidates in order.
import { editDistance, nearest } from '../../src/catalogue/distance.js'

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, each one step', () => {
    expect(editDistance('abc', 'abc')).toBe(0)
    expect(editDistance('abc', 'abxc')).toBe(1)
    expect(editDistance('abc', 'ac')).toBe(1)
    expect(editDistance('abc', 'axc')).toBe(1)
    expect(editDistance('abc', 'cab')).toBe(2)
    expect(editDistance('', '')).toBe(0)
    expect(editDistance('abc', '')).toBe(3)
  })

  it('gives limit + 1 past the limit, whether the lengths or the letters are too far apart', () => {
    expect(editDistance('abcdef', 'a', 2)).toBe(3)
    expect(editDistance('abcd', 'wxyz', 2)).toBe(3)
    expect(editDistance('abcd', 'abyz', 2)).toBe(2)
    expect(editDistance('abcd', 'abyz', 1)).toBe(2)
  })
})

describe('nearest', () => {
  const same = (text: string) => text

  it('nearest first, and within a distance in code-unit order of the key', () => {
    expect(nearest('abc', ['xyc', 'abc', 'xbc'], same, 2)).toEqual(['abc', 'xbc', 'xyc'])
    expect(nearest('abc', ['abx', 'abd', 'abcd', 'ab', 'zzz'], same, 1, 10)).toEqual(['ab', 'abcd', 'abd', 'abx'])
    expect(nearest('abc', ['abd', 'Abc'], same, 1)).toEqual(['Abc', 'abd'])
    // Whatever order the candidates come in: in order already, reversed, or mixed.
    for (const given of [
      ['ab', 'abcd', 'abd', 'abx'],
      ['abx', 'abd', 'abcd', 'ab'],
      ['abd', 'ab', 'abx', 'abcd']
    ]) {
      expect(nearest('abc', given, same, 1, 10)).toEqual(['ab', 'abcd', 'abd', 'abx'])
    }
  })

  it('at most count of them, none past the limit', () => {
    expect(nearest('abc', ['abx', 'abd', 'abcd', 'ab'], same, 1, 2)).toEqual(['ab', 'abcd'])
    expect(nearest('abc', ['abx', 'abd', 'abcd', 'ab'], same, 1)).toHaveLength(3)
    expect(nearest('abc', ['xyz', 'abcxyz'], same, 2)).toEqual([])
  })

  it('reads each candidate by its key, and gives the candidates themselves', () => {
    const calls = [{ id: 'im_message_create' }, { id: 'im_message_list' }, { id: 'im_chat_create' }]
    expect(nearest('im_message_creat', calls, call => call.id, 3)).toEqual([calls[0]])
  })
})
