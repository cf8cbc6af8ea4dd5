import { publishVersion } from './codes.js'
import { consoleLabel } from './console.js'
import { accessWords, everyResource } from './errors.js'
import type { AccessResult } from './failure.js'
import { MISSING_REASONS, type MissingStatus, allGrantedMessage, missingFix } from './gate.js'
import { SHOWN_ROWS, firstRows } from './limits.js'
import { type Endpoint, REGIONS } from './region.js'
import { KINDS } from './resources.js'
import type { ScopeCheck } from './scopes.js'
import { cut, reveal } from './text.js'

/** Everything the job summary shows. Never the secret or the token: there is no field for them. */
export interface RunReport {
  readonly outcome: 'passed' | 'warned' | 'failed'
  readonly endpoint?: Endpoint
  readonly appId?: string
  readonly expiresAt?: string
  readonly expiresIn?: number
  readonly gate?: GateReport
  readonly bot?: BotReport
  readonly access?: AccessReport
  /** Already redacted: it may quote a server. */
  readonly error?: string
}

/** What the bot check found (check-bot): the app's name and its bot, or why the app is not usable. Redacted. */
export interface BotReport {
  readonly appName?: string
  readonly openId?: string
  readonly problem?: string
}

/** What the resource checks found ('required-access'), and what was said of it (redacted). */
export interface AccessReport {
  readonly results: readonly AccessResult[]
  readonly onMissing: 'fail' | 'warn'
  /** The words of the error or warning, when a resource is out of reach. */
  readonly text?: string
}

/** What the scope gate found and decided. */
export interface GateReport {
  readonly check: ScopeCheck
  readonly onMissing: 'fail' | 'warn'
  readonly onUnexpected: 'ignore' | 'warn' | 'fail'
  readonly requestApproval: boolean
  readonly grantLink?: string
  readonly approval?: Approval
}

/** The approval request, when one was made: whether it was accepted, and what was said of it (redacted). */
export interface Approval {
  readonly requested: boolean
  readonly text: string
}

/** The headline says what was found: missing scopes, unexpected ones, an app that is not usable here. */
function headline(report: RunReport): string {
  if (report.error) return '❌ Failed'
  const { gate, bot, access, outcome } = report
  const found = [
    gate && gate.check.missing.length > 0 && (outcome === 'failed' ? 'required scopes missing' : 'scopes missing'),
    gate && gate.check.unexpected.length > 0 && gate.onUnexpected !== 'ignore' && 'unexpected scopes',
    bot?.problem && 'app not usable here',
    access?.results.some(({ problem }) => problem !== undefined) && 'resources out of reach'
  ].filter(Boolean)
  if (outcome === 'failed') {
    const text = found.join(', ') || 'failed'
    return `❌ ${text.charAt(0).toUpperCase()}${text.slice(1)}`
  }
  return outcome === 'warned' ? `⚠️ Token issued, ${found.join(', ')}` : '✅ Token issued'
}

/** The mark of each status, before the words the error uses too (MISSING_REASONS). */
const MARKS: Record<MissingStatus, string> = {
  'awaiting-approval': '⏳',
  'unknown-type': '❓',
  'user-only': '👤',
  'not-configured': '❌'
}

// Outside text (inputs, server text) is shown as code: no link, image, emphasis or HTML in it takes effect, and what
// acts or hides is shown as an escape.

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

function api(endpoint: Endpoint): string {
  return endpoint.region ? `${REGIONS[endpoint.region].label}, ${code(endpoint.baseUrl)}` : code(endpoint.baseUrl)
}

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`
}

/** The first rows of a table, then one that counts the rest: a summary over 1 MiB is dropped whole by GitHub. */
function tableRows<T>(items: readonly T[], row: (item: T) => string, rest: string): string[] {
  const { rows, more } = firstRows(items)
  return [...rows.map(row), ...(more > 0 ? [`| and ${more} more | ${rest} |`] : [])]
}

export function renderSummary(report: RunReport): string {
  const lines = [`## Feishu/Lark tenant token: ${headline(report)}`, '']
  const facts: Array<[string, string]> = []
  if (report.endpoint) facts.push(['API', api(report.endpoint)])
  if (report.appId) facts.push(['App ID', code(report.appId)])
  if (report.expiresAt) {
    facts.push(['Token expires', `${report.expiresAt}${report.expiresIn !== undefined ? ` (in ${duration(report.expiresIn)})` : ''}`])
  }
  if (report.bot?.appName) facts.push(['App name', code(report.bot.appName)])
  if (report.bot?.openId) facts.push(['Bot open_id', code(report.bot.openId)])
  if (facts.length > 0) {
    lines.push('| | |', '| --- | --- |', ...facts.map(([name, value]) => `| ${name} | ${value} |`), '')
  }

  if (report.gate) {
    const { check, grantLink, onMissing, requestApproval } = report.gate
    const missing = check.missing.length
    const rules = { appId: report.appId ?? '', endpoint: report.endpoint!, requestApproval }
    lines.push(
      '### Required scopes',
      '',
      missing === 0
        ? allGrantedMessage(check)
        : `${missing} of ${check.statuses.length} required scopes ${missing === 1 ? 'is' : 'are'} missing` +
            ` (on-missing-scopes: ${onMissing}).`,
      '',
      '| Scope | Status | What to do |',
      '| --- | --- | --- |',
      ...tableRows(
        check.statuses,
        ({ scope, status }) =>
          status === 'granted'
            ? `| ${code(scope)} | ✅ granted | |`
            : `| ${code(scope)} | ${MARKS[status]} ${MISSING_REASONS[status]} | ${inert(missingFix(status, rules))} |`,
        'the `missing-scopes` output lists the missing ones |'
      ),
      ''
    )
    if (grantLink) {
      // The link carries the first rows only, as the error's does.
      const which = missing > SHOWN_ROWS ? `the first ${SHOWN_ROWS} missing scopes` : 'the missing scopes'
      lines.push(
        `**[Grant ${which}](${linkTarget(grantLink)})** on the app's ${consoleLabel('permissions', rules.endpoint)} page, then ${publishVersion(rules)}.`,
        ''
      )
    }
    if (report.gate.approval) {
      const { requested, text } = report.gate.approval
      lines.push(requested ? `📨 ${text}` : 'The approval request was not accepted:', '', ...(requested ? [] : [codeBlock(text), '']))
    }
    const { unexpected } = check
    if (report.gate.onUnexpected !== 'ignore') {
      lines.push('### Unexpected scopes', '')
      if (unexpected.length === 0) {
        lines.push('The app holds no scope beyond the required ones.', '')
      } else {
        lines.push(
          `${unexpected.length} scope${unexpected.length === 1 ? ' is' : 's are'} configured on the app but not required` +
            ` (on-unexpected-scopes: ${report.gate.onUnexpected}): remove ${unexpected.length === 1 ? 'it' : 'them'} from the app and ${publishVersion({ endpoint: report.endpoint! })},` +
            ` or add ${unexpected.length === 1 ? 'it' : 'them'} to \`required-scopes\`.`,
          '',
          '| Scope | Status |',
          '| --- | --- |',
          ...tableRows(
            unexpected,
            ({ scope, status }) => `| ${code(scope)} | ${status === 'granted' ? '✅ granted' : '⏳ awaiting approval'} |`,
            'the `unexpected-scopes` output lists them'
          ),
          ''
        )
      }
    }
  }

  if (report.access) lines.push(...accessSection(report.access, report))

  if (report.bot?.problem) {
    lines.push('### App and bot', '', 'The app is not usable from this tenant:', '', codeBlock(report.bot.problem), '')
  }
  if (report.error) {
    lines.push('### Error', '', codeBlock(report.error), '')
  }
  return lines.join('\n')
}

/** An id as written, but for one longer than any token (a calendar's can be 200 characters): its start and end. */
function shortId(id: string): string {
  const chars = Array.from(id)
  return chars.length > 64 ? `${chars.slice(0, 44).join('')}…${chars.slice(-16).join('')}` : id
}

/** The result of one resource check in a few words; never a title or name from an answer. */
function accessResultWords(result: AccessResult, report: RunReport): string {
  const { problem, resource } = result
  if (problem === undefined) return resource.edit ? '✅ can read and edit' : '✅ reachable'
  if (problem === 'not-checked') return result.logId ? '⚠️ refused, as every call was (see below)' : '⚠️ not checked (see the error)'
  if (problem === 'failed') return '⚠️ could not be checked (see below)'
  return `❌ ${accessWords(result, { appId: report.appId ?? '', endpoint: report.endpoint! }).meaning}`
}

function accessSection(access: AccessReport, report: RunReport): string[] {
  const missing = access.results.filter(({ problem }) => problem !== undefined).length
  const total = access.results.length
  return [
    '### Resources',
    '',
    missing === 0
      ? `The app reaches ${everyResource(total)} in \`required-access\`.`
      : `${missing} of ${total} ${total === 1 ? 'resource' : 'resources'} ${missing === 1 ? 'is' : 'are'} out of reach (on-missing-access: ${access.onMissing}).`,
    '',
    '| Resource | Kind | ID | Needs | Result |',
    '| --- | --- | --- | --- | --- |',
    ...access.results.map(
      result =>
        `| ${result.resource.label ? code(cut(result.resource.label, 80)) : ''} | ${KINDS[result.resource.kind].noun} | ` +
        `${code(shortId(result.resource.id))} | ${result.resource.edit ? 'read and edit' : 'read'} | ${accessResultWords(result, report)} |`
    ),
    '',
    ...(access.text ? [codeBlock(access.text), ''] : [])
  ]
}
