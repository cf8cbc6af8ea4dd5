// Reading the inputs, in phases: the secret masked first; misspelled names; each input checked for characters that
// hide, then parsed by its row of the table; the inputs that need each other; then one InputError with every problem
// at once, or the Config.
import { endpointFor } from '../feishu/region.js'
import { SHOWN_ROWS, firstRows } from '../output/limits.js'
import { firstHidden, quote, reveal } from '../output/text.js'
import { InputError } from './error.js'
import { type Config, INPUTS, type InputName, type InputRow, type Parsed, toConfig } from './table.js'
import { withoutUserInfo } from './values.js'

export interface InputSource {
  /** Returns the input's value, trimmed; '' when not set (as @actions/core's getInput). */
  getInput(name: string): string
  setSecret(value: string): void
  warning(message: string): void
  /** Running on a GitHub Actions runner (GITHUB_ACTIONS is 'true'), not locally: what an empty input likely means. */
  readonly onRunner: boolean
}

/** What the phases find: every problem, the inputs that failed, and what was read. */
interface Reading {
  readonly problems: string[]
  readonly failed: Set<InputName>
  readonly parsed: Partial<Record<InputName, unknown>>
}

/** Reads and validates every input; throws one InputError listing every problem, with what could be read. */
export function readInputs(source: InputSource): Config {
  // Masked before anything else happens, even when the workflow passed it as plain text, or as 'app_secret'.
  for (const name of ['app-secret', 'app_secret']) {
    const appSecret = source.getInput(name)
    if (appSecret !== '') source.setSecret(appSecret)
  }

  const reading: Reading = { problems: [], failed: new Set(), parsed: {} }
  misspelled(source, reading)
  for (const [name, spec] of Object.entries(INPUTS) as Array<[InputName, InputRow<unknown>]>) {
    if (!reading.failed.has(name)) readOne(name, spec, source, reading)
  }
  const inputs = reading.parsed as Parsed
  reading.problems.push(...together(inputs, reading.failed), ...nothingToCheck(inputs, reading.failed, source))
  const { failed, problems } = reading
  const endpoint = failed.has('region') || failed.has('base-url') ? undefined : endpointFor(inputs.region, inputs['base-url'])
  if (problems.length > 0) {
    throw new InputError(problems.join('\n'), {
      ...(endpoint && { endpoint }),
      ...(!failed.has('app-id') && { appId: inputs['app-id'] })
    })
  }
  return toConfig(inputs, endpoint!)
}

/**
 * `with: app_id:` (Feishu's own spelling) reaches the action as another input, and the hyphenated one keeps its
 * default: say so, rather than blame an empty value on forks or go on without what the workflow meant.
 */
function misspelled(source: InputSource, { problems, failed }: Reading): void {
  for (const name of (Object.keys(INPUTS) as InputName[]).filter(name => name.includes('-'))) {
    const underscored = name.replace(/-/g, '_')
    if (source.getInput(underscored) !== '') {
      problems.push(`You passed '${underscored}'; this action's input is '${name}', with a hyphen: rename it under the step's 'with:'.`)
      failed.add(name)
    }
  }
}

/** One input: refused if it hides something, else parsed by its row (the default when not given). */
function readOne(name: InputName, spec: InputRow<unknown>, source: InputSource, reading: Reading): void {
  const { problems, failed, parsed } = reading
  const before = problems.length
  let closing: string | undefined
  const value = spec.lines ? withoutHidingLines(name, source.getInput(name), reading) : source.getInput(name)
  if (!spec.lines && hidesSomething(name, value, reading)) return
  try {
    parsed[name] = spec.parse(value === '' && !failed.has(name) ? spec.default : value, {
      name,
      default: spec.default,
      warning: source.warning,
      given: other => source.getInput(other),
      onRunner: source.onRunner
    })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    problems.push(error.message)
    failed.add(name)
    closing = error.closing
  }
  // A list can hold thousands of bad lines: what is said of one stays within what an annotation and the job
  // summary hold, and leaves room for the other inputs' problems. What is said once for all of them stays, last.
  if (spec.lines && problems.length > before) {
    const lines = problems.splice(before).join('\n').split('\n')
    if (closing !== undefined && lines.at(-1) === closing) lines.pop()
    const { rows, more } = firstRows(lines)
    problems.push(
      ...rows,
      ...(more > 0
        ? [`Input '${name}': ${more} more ${more === 1 ? 'line' : 'lines'} like these, not shown (at most ${SHOWN_ROWS}).`]
        : []),
      ...(closing !== undefined ? [closing] : [])
    )
  }
}

/**
 * A line break or control character in a one-line input could write a workflow command or hide text: refused before
 * anything parses or prints the value. Only the character is shown, as an escape, and never for the secret: not
 * even a character of it.
 */
function hidesSomething(name: InputName, value: string, { problems, failed }: Reading): boolean {
  const hidden = firstHidden(value)
  if (!hidden) return false
  const shown = name === 'app-secret' ? '' : ` (${reveal(hidden.char)})`
  problems.push(
    `Input '${name}' contains a line break, control character or invisible formatting character${shown}: give it on one line, as plain text.`
  )
  failed.add(name)
  return true
}

/**
 * A list (never a secret): each line that hides something is named and quoted, escaped, and left out, so that the
 * other lines are still read and every problem is said at once.
 */
function withoutHidingLines(name: InputName, value: string, { problems, failed }: Reading): string {
  const lines = value.split('\n')
  for (const [index, line] of lines.entries()) {
    const hidden = firstHidden(line.replace(/[\t\r]/g, ' '))
    if (!hidden) continue
    problems.push(
      `Input '${name}', line ${index + 1} (${quote(withoutUserInfo(line), 120)}) contains an invisible or control character (${reveal(hidden.char)}), ` +
        'which text copied from a browser or a chat often carries: delete it, or type the line again.'
    )
    failed.add(name)
    lines[index] = ''
  }
  return lines.join('\n')
}

/** Inputs that mean nothing without another: each would only do nothing, silently. */
function together(inputs: Parsed, failed: ReadonlySet<InputName>): string[] {
  const problems: string[] = []
  // Both compare against what the gate requires: scopes, or the scopes of calls.
  const gated = ['required-scopes', 'required-calls'] as const
  if (gated.every(name => !failed.has(name) && inputs[name].length === 0)) {
    const list = "list every scope the app should hold in 'required-scopes', or the calls it makes in 'required-calls'"
    const empty = "but 'required-scopes' and 'required-calls' are empty"
    const audit = inputs['on-unexpected-scopes']
    if (!failed.has('on-unexpected-scopes') && audit !== 'ignore')
      problems.push(
        `Input 'on-unexpected-scopes' is '${audit}', ${empty}, so there is nothing to compare with: ${list}, or leave 'on-unexpected-scopes' at 'ignore'.`
      )
    if (!failed.has('request-approval') && inputs['request-approval'])
      problems.push(
        `Input 'request-approval' is 'true', ${empty}, so no scope is known to ask approval for: ${list}, or leave 'request-approval' at 'false'.`
      )
  }
  // A warning about resources that are never checked could only stay silent.
  if (!failed.has('required-access') && inputs['required-access'].length === 0 && inputs['on-missing-access'] === 'warn') {
    problems.push(
      "Input 'on-missing-access' is 'warn', but 'required-access' names no resource, so there is nothing to check: list the resources " +
        "the app must reach in 'required-access', or leave 'on-missing-access' at 'fail'."
    )
  }
  return problems
}

/**
 * 'on-nothing-to-check': a gate whose lists name nothing (empty, or only blank and '#' lines) and no check-bot would
 * pass having checked nothing; it decides, from the inputs as the action reads them, whether that is a warning or an
 * error, before any request.
 */
function nothingToCheck(inputs: Parsed, failed: ReadonlySet<InputName>, { warning }: InputSource): string[] {
  const lists = ['required-scopes', 'required-calls', 'required-access'] as const
  const on = inputs['on-nothing-to-check']
  if (on === 'ignore' || failed.has('on-nothing-to-check') || failed.has('check-bot') || inputs['check-bot']) return []
  if (lists.some(name => failed.has(name) || inputs[name].length > 0)) return []
  const words =
    "'required-scopes', 'required-calls' and 'required-access' name nothing (blank lines and lines that start with '#' name none) " +
    "and 'check-bot' is not 'true', so nothing but the token is checked"
  if (on === 'warn') {
    warning(`Input 'on-nothing-to-check' is 'warn': ${words}.`)
    return []
  }
  return [`Input 'on-nothing-to-check' is 'fail': ${words}: give at least one, or leave 'on-nothing-to-check' at 'ignore'.`]
}
