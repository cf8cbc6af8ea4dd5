// The documentation the tests hold to the action: the README, its Chinese version, and every page of docs/.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/run-action.js'

/** Every Markdown file a user reads, as paths from the repository's root: the READMEs, then docs/ and docs/zh-CN/. */
export const DOC_FILES: readonly string[] = [
  'README.md',
  'README.zh-CN.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.md'))
    .map(entry => join(entry.parentPath, entry.name).slice(ROOT.length).split('\\').join('/').replace(/^\//, ''))
    .sort()
]

export const readDoc = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

/** The fenced blocks without a language: a page's samples of what the step prints. */
export function samples(markdown: string): string[] {
  const found: string[] = []
  let open: string[] | undefined
  let fenced = false
  for (const line of markdown.split('\n')) {
    const fence = line.trim().startsWith('```')
    if (fence && fenced) {
      if (open) found.push(open.join('\n'))
      fenced = false
      open = undefined
    } else if (fence) {
      fenced = true
      open = line.trim() === '```' ? [] : undefined
    } else if (open) open.push(line)
  }
  return found
}

/** Rows of the first Markdown table after a heading, as arrays of cells (`\|` inside a cell kept). */
export function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`)
  if (start === -1) throw new Error(`no heading ${heading}`)
  const lines = markdown.slice(start + heading.length + 2).split('\n')
  const first = lines.findIndex(line => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim())
    )
  }
  return rows
}

/** The first fenced block of `language` after `heading` (a whole line) in a page. */
export function blockAfter(markdown: string, heading: string, language: string): string {
  const at = markdown.indexOf(`\n${heading}\n`)
  if (at === -1) throw new Error(`no heading ${heading}`)
  const fence = '```'
  const match = new RegExp(`${fence}${language}\\n([\\s\\S]*?)${fence}`).exec(markdown.slice(at))
  if (!match) throw new Error(`no ${language} block after ${heading}`)
  return match[1]!
}
