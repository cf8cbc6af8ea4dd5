// Outside text (inputs, server text) in the job summary's Markdown: shown as code, or as escaped plain text, so that
// no link, image, emphasis or HTML in it takes effect, and what acts or hides is shown as an escape.
import { reveal } from './text.js'

/** An inline code span that holds any text, also inside a table cell. */
export function code(text: string): string {
  const flat = reveal(text.replace(/\s+/g, ' ')).replace(/\|/g, '\\|')
  const fence = '`'.repeat(longestRun(flat, '`') + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/**
 * Words as plain text in a table cell: every character Markdown could act on (links, images, emphasis, HTML,
 * autolinks, entities) backslash-escaped, so that an App ID or base URL inside them stays text.
 */
export function inert(text: string): string {
  return reveal(text.replace(/\s+/g, ' ')).replace(/[\\`*_{}[\]()#+!|<>~:&]/g, '\\$&')
}

/** A fenced code block that holds any text, its lines kept. */
export function codeBlock(text: string): string {
  const shown = text
    .split('\n')
    .map(line => reveal(line))
    .join('\n')
  const fence = '`'.repeat(Math.max(3, longestRun(shown, '`') + 1))
  return `${fence}text\n${shown}\n${fence}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}

/** A link target with nothing that could end the Markdown link early or start another. */
export function linkTarget(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/g, c =>
    encodeURIComponent(c).replace(/[!'()*]/g, x => `%${x.charCodeAt(0).toString(16).toUpperCase()}`)
  )
}
