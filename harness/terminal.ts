// A run of the action as a terminal shows it (npm start, npm run local-action): the step's log as the runner
// would show it (masked values as ***, commands as annotations), the outputs, and the job summary's Markdown with
// headings in bold, tables aligned and code as text. Only what renderSummary writes needs to look right here.
import stringWidth from 'string-width'
import type { RunResult } from './run-action.js'

/** Columns a terminal gives a string: CJK and emoji take two, joiners and selectors none (string-width). */
export const width = (text: string): number => stringWidth(text)

export function renderMarkdown(markdown: string, color = false): string[] {
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text)
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text)
  const out: string[] = []
  const lines = markdown.trimEnd().split('\n')
  const inline = (text: string) =>
    text
      .replace(/\*\*\[([^\]]+)\]\(([^)]+)\)\*\*/g, (_m, label: string, url: string) => `${bold(label)}: ${url}`)
      .replace(/`+ ?([^`]*?) ?`+/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+!|<>~:&])/g, '$1')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heading = /^(#+) (.*)$/.exec(line)
    if (heading) {
      out.push(bold(heading[2]!))
      continue
    }
    const fence = /^(`{3,})/.exec(line)
    if (fence) {
      while (++i < lines.length && lines[i] !== fence[1]) out.push(`  ${lines[i]}`)
      continue
    }
    if (line.startsWith('|')) {
      const rows: string[][] = []
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) {
        if (/^\|( *-+ *\|)+$/.test(lines[i]!)) continue
        rows.push(
          lines[i]!.slice(1, -1)
            .split(/(?<!\\)\|/)
            .map(cell => inline(cell.trim()))
        )
      }
      i--
      // A header of empty cells (the facts table's) is no header.
      const first = rows.shift()!
      const header = first.every(cell => cell === '') ? undefined : first
      const all = header ? [header, ...rows] : rows
      const widths = all[0]!.map((_, c) => Math.max(...all.map(row => width(row[c] ?? ''))))
      const format = (row: string[]) =>
        row
          .map((cell, c) => cell + ' '.repeat(widths[c]! - width(cell)))
          .join('  ')
          .trimEnd()
      if (header) out.push(bold(format(header)), dim(widths.map(w => '─'.repeat(w)).join('  ')))
      out.push(...rows.map(format))
      continue
    }
    out.push(inline(line))
  }
  // One blank line at most between blocks.
  return out.filter((line, n) => line !== '' || (n > 0 && out[n - 1] !== ''))
}

/**
 * The runner's rendering of a step log: masked values become ***, commands become annotations, and debug lines
 * show as `##[debug]...` when debug logging is on (RUNNER_DEBUG=1), as the runner's log has them, else not at all.
 */
function renderLog(result: RunResult, mask: (text: string) => string, debug: boolean): string[] {
  const lines: string[] = []
  const decode = (text: string) => text.replace(/%0A/g, '\n').replace(/%25/g, '%')
  for (const line of result.stdout.split('\n')) {
    if (line === '' || line.startsWith('::add-mask::')) continue
    if (line.startsWith('::debug::')) {
      if (debug)
        lines.push(
          ...mask(decode(line.slice('::debug::'.length)))
            .split('\n')
            .map(text => `##[debug]${text}`)
        )
      continue
    }
    const command = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
    const text = command ? `${command[1]![0]!.toUpperCase()}${command[1]!.slice(1)}: ${decode(command[2]!)}` : line
    lines.push(...mask(text).split('\n'))
  }
  if (result.stderr.trim()) lines.push(...result.stderr.trim().split('\n').map(mask))
  return lines
}

/**
 * The step log (its debug lines too with `debug`), the outputs and the variables the step exported (masked values
 * as ***), and the job summary of a run, each under its heading.
 */
export function renderRun(result: RunResult, color = false, debug = false): string[] {
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text)
  const masks = result.commands.filter(([c]) => c === 'add-mask').map(([, value]) => value)
  const mask = (text: string) => masks.reduce((out, secret) => out.split(secret).join('***'), text)
  const masked = (values: Record<string, string>) =>
    Object.entries(values).map(([name, value]) => `${name} = ${mask(value) === value ? value : '*** (masked)'}`)
  const sections: Array<[string, string[]]> = [
    [`Step log (exit code ${result.exitCode}, ${result.durationMs} ms)`, renderLog(result, mask, debug)],
    ['Outputs', masked(result.outputs)],
    ['Exported variables', masked(result.env)],
    ['Job summary', renderMarkdown(result.summary, color)]
  ]
  // An empty section is left out.
  return sections.flatMap(([title, lines]) => (lines.length === 0 ? [] : ['', bold(title), ...lines.map(line => `  ${line}`.trimEnd())]))
}
