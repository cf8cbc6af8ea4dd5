// The code table (src/words/codes.ts): one row per Feishu code and msg, and the only place a code is named.
import { CODES, codeRow } from '../../src/words/codes.js'
import { readSource, sourceFiles } from '../support/source.js'

describe('the code table', () => {
  it('has one row per code and msg', () => {
    const keys = CODES.map(row => `${row.code}/${row.msg?.source ?? ''}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(codeRow(1, '')).toBeUndefined()
  })

  it('is the one file that names Feishu codes: src/words/codes.ts', () => {
    const elsewhere = sourceFiles()
      .filter(file => file !== 'src/words/codes.ts')
      .filter(file => /\b(10003|10014|99991\d{3}|212\d{3}|1000040351)\b/.test(readSource(file)))
    expect(elsewhere).toEqual([])
  })
})
