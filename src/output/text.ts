// Outside text (a server's, an input's) shown to a person or handed on. Every script is shown as itself (Chinese,
// accents, emoji); only what acts or hides is escaped or removed, and that is decided here, in one place.
// Redact first: quoting shortens.

/**
 * Characters that act or hide, by Unicode property: controls (Cc: line breaks, escapes), format characters (Cf:
 * bidi overrides, zero-width characters, the soft hyphen, tag characters U+E0000-E007F), line and paragraph
 * separators, private use, surrogates and unassigned code points, every default-ignorable code point (the Hangul
 * fillers U+115F, U+1160, U+3164 and U+FFA0, variation selectors, U+180E...), and the braille blank U+2800, a
 * filler that renders as nothing. The `u` flag makes it see characters outside the BMP.
 */
export const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/u
/**
 * Emoji written with the joiner and presentation selectors that HIDDEN holds (❤️, 👩‍💻, 1️⃣): inside such a
 * sequence they hide nothing, so the emoji is shown as itself.
 */
const EMOJI_SEQUENCE =
  /\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?)*|[0-9#*]\uFE0F\u20E3/u
/** An emoji sequence (group 1, kept) or one character that acts or hides. */
const SCAN = new RegExp(`(${EMOJI_SEQUENCE.source})|${HIDDEN.source}`, 'gu')

/** Where the first character that acts or hides (outside an emoji sequence) is, and the character; undefined if none. */
export function firstHidden(text: string): { readonly index: number; readonly char: string } | undefined {
  const match = [...text.matchAll(SCAN)].find(([, emoji]) => emoji === undefined)
  return match && { index: match.index, char: match[0] }
}

/** Each character that acts or hides as a visible escape (`\u200B`, `\u{E0041}`); everything else as it is. */
export function reveal(text: string): string {
  return text.replace(SCAN, (char, emoji: string | undefined) => {
    if (emoji !== undefined) return emoji
    const code = char.codePointAt(0)!
    const hex = code.toString(16).toUpperCase()
    return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
  })
}

/** The first `max` characters (code points, so an emoji is never cut in two), with "..." when cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length > max ? `${chars.slice(0, max).join('')}...` : text
}

/** On one line, in double quotes, cut to `max` characters: what acts or hides escaped, every script as itself. */
export function quote(text: string, max = 200): string {
  // Whitespace and line breaks of any kind become one space: a quoted value never starts a line of its own. Other
  // controls stay, and show as escapes.
  const flat = text.replace(/\s+/gu, ' ').trim()
  return `"${reveal(cut(flat, max).replace(/["\\]/g, '\\$&'))}"`
}

/** Plain text for an output: one line, with the characters that act or hide removed, not escaped. */
export function plain(text: string): string {
  return text
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(SCAN, (_char, emoji: string | undefined) => emoji ?? '')
    .trim()
}

/** Printable ASCII with no spaces, cut to `max`: for identifiers such as log ids. */
export function printable(text: string, max = 200): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, max)
}
