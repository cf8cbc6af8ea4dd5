// Outside text (a server's, an input's) shown to a person: quoted, on one line, every character that could
// act (a line break, a control or bidi character, non-ASCII) escaped. Redact it first: this shortens.

/** Control, line-separator, zero-width and bidi characters: they can start a workflow command or hide text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/

/** On one line, JSON-quoted, other non-printable-ASCII as \u escapes, cut to `max` characters with "...". */
export function quote(text: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters become spaces here.
  const flat = text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim()
  const cut = flat.length > max ? `${flat.slice(0, max)}...` : flat
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Printable ASCII with no spaces, cut to `max`: for identifiers such as log ids. */
export function printable(text: string, max = 200): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, max)
}

/** Characters a shell acts on, inside or outside quotes: an output holding one could run code if a later step pasted it into a script. */
export const SHELL_ACTIVE = /[`$\\"';&|<>]/
