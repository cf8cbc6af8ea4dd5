import { HIDDEN, cut, firstHidden, plain, printable, quote, reveal } from '../../src/output/text.js'

const hasHidden = (text: string): boolean => firstHidden(text) !== undefined

/** One character of each kind that acts or hides, named. */
const HIDING: ReadonlyArray<[string, string]> = [
  ['a bell (Cc)', '\u0007'],
  ['an escape (Cc)', '\u001B'],
  ['a line feed (Cc)', '\n'],
  ['a right-to-left override (Cf)', '\u202E'],
  ['a zero-width space (Cf)', '\u200B'],
  ['a tag character (Cf)', '\u{E0041}'],
  ['the line separator (Zl)', '\u2028'],
  ['the paragraph separator (Zp)', '\u2029'],
  ['a private use character (Co)', '\uE000'],
  ['a lone surrogate (Cs)', '\uD800'],
  ['an unassigned code point (Cn)', '\u0378'],
  ['a Hangul filler (default ignorable)', '\u3164'],
  ['the Hangul choseong filler (default ignorable)', '\u115F'],
  ['a variation selector outside an emoji (default ignorable)', '\uFE0F'],
  ['the braille blank', '\u2800']
]

describe('firstHidden', () => {
  it('says where the first character that hides is, and which', () => {
    expect(firstHidden('ab\u200Bc\u202E')).toEqual({ index: 2, char: '\u200B' })
    expect(firstHidden('👩‍💻 \u{E0041}')).toEqual({ index: 6, char: '\u{E0041}' })
    expect(firstHidden('飞书 😀')).toBeUndefined()
  })

  it.each(HIDING)('finds %s', (_what, char) => {
    expect(hasHidden(`ok${char}ok`)).toBe(true)
    expect(HIDDEN.test(char)).toBe(true)
  })

  it.each([
    ['plain ASCII with spaces', 'im:message, bitable:app'],
    ['Chinese', '飞书机器人'],
    ['accents', 'café déjà'],
    ['an emoji', '😀'],
    ['a red heart with its presentation selector', '❤️'],
    ['a family joined by zero-width joiners', '👩‍💻'],
    ['a keycap', '1️⃣'],
    ['a skin tone', '👍🏽'],
    ['the empty string', '']
  ])('lets %s through', (_what, text) => {
    expect(hasHidden(text)).toBe(false)
  })

  it('finds a joiner that joins no emoji', () => {
    expect(hasHidden('a\u200Db')).toBe(true)
    expect(hasHidden('👩\u200Dx')).toBe(true)
    expect(hasHidden('👩‍💻\u200B')).toBe(true)
  })

  it('finds what hides right after an emoji, and a presentation selector after a letter', () => {
    expect(hasHidden('😀\u200B')).toBe(true)
    expect(hasHidden('👍🏽\u202E')).toBe(true)
    expect(hasHidden('x\uFE0F')).toBe(true)
    expect(hasHidden('x\uFE0F\u20E3')).toBe(true)
  })
})

describe('reveal', () => {
  it('writes each hidden character as a visible escape, four hex digits in the BMP, braces beyond', () => {
    expect(reveal('a\u200Bb')).toBe('a\\u200Bb')
    expect(reveal('\u0007')).toBe('\\u0007')
    expect(reveal('\u202E')).toBe('\\u202E')
    expect(reveal('\u{E0041}')).toBe('\\u{E0041}')
    expect(reveal('\uFFFF')).toBe('\\uFFFF')
    expect(reveal('\u{10FFFD}')).toBe('\\u{10FFFD}')
  })

  it('shows emoji and every script as themselves', () => {
    expect(reveal('飞书 ❤️ 👩‍💻 1️⃣ café')).toBe('飞书 ❤️ 👩‍💻 1️⃣ café')
  })
})

describe('cut', () => {
  it('keeps text of exactly the limit whole, and cuts one character more with "..."', () => {
    expect(cut('abc', 3)).toBe('abc')
    expect(cut('abcd', 3)).toBe('abc...')
    expect(cut('', 0)).toBe('')
  })

  it('counts code points, so an emoji is never cut in two', () => {
    expect(cut('😀😀😀', 2)).toBe('😀😀...')
    expect(cut('😀😀', 2)).toBe('😀😀')
  })
})

describe('quote', () => {
  it('quotes on one line: every run of whitespace is one space, trimmed; other controls show as escapes', () => {
    expect(quote('  line one\r\n\tline two \u0007 end  ')).toBe('"line one line two \\u0007 end"')
  })

  it('escapes double quotes and backslashes', () => {
    expect(quote('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"')
  })

  it('shows non-ASCII text as itself and escapes what hides', () => {
    expect(quote('飞书 app\u202Etxt.exe')).toBe('"飞书 app\\u202Etxt.exe"')
  })

  it('cuts at 200 characters by default, counting Chinese characters as one each', () => {
    expect(quote('中'.repeat(200))).toBe(`"${'中'.repeat(200)}"`)
    expect(quote('中'.repeat(250))).toBe(`"${'中'.repeat(200)}..."`)
    expect(quote('x'.repeat(30), 10)).toBe(`"${'x'.repeat(10)}..."`)
  })

  it('cuts before escaping, so an escape is never cut in two', () => {
    expect(quote('ab\u200B', 3)).toBe('"ab\\u200B"')
    expect(quote('"""', 2)).toBe('"\\"\\"..."')
  })
})

describe('plain', () => {
  it('removes what hides instead of escaping it, and keeps emoji', () => {
    expect(plain('Build\u200B bot\u202E ❤️')).toBe('Build bot ❤️')
  })

  it('puts it on one line, trimmed, with line and paragraph separators as spaces', () => {
    expect(plain('\n one\u2028two\u2029three\r\n\t four \n')).toBe('one two three four')
  })
})

describe('printable', () => {
  it('keeps printable ASCII from ! to ~ and drops everything else, spaces and non-ASCII included', () => {
    expect(printable('!az~')).toBe('!az~')
    expect(printable('log id: 2026 中文\u007F\u0000\u200B')).toBe('logid:2026')
  })

  it('cuts at 200 characters by default, or at the limit given', () => {
    expect(printable('x'.repeat(250))).toBe('x'.repeat(200))
    expect(printable('abcdef', 3)).toBe('abc')
    // Dropped characters do not count.
    expect(printable(`${'中'.repeat(300)}id`)).toBe('id')
  })
})
