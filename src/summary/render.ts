// The job summary, section by section: the headline, the facts, the required scopes, the unexpected ones, the
// resources, the app and its bot, the error. Outside text is shown as code or escaped (output/markdown.ts); every
// list is cut to its first rows, since GitHub drops a summary over 1 MiB whole.
import type { AccessResult } from '../checks/access.js'
import { RESOURCE_KINDS, type Resource, resourceName } from '../feishu/kinds.js'
import { type Endpoint, REGIONS } from '../feishu/region.js'
import { SHOWN_ROWS, firstRows } from '../output/limits.js'
import { code, codeBlock, inert, linkTarget } from '../output/markdown.js'
import { cut } from '../output/text.js'
import { accessWords, everyResource } from '../words/access.js'
import { consoleLabel } from '../words/console.js'
import { MISSING_REASONS, type MissingStatus, allGrantedMessage, callReason, catalogueNote, countOf, missingFix } from '../words/gate.js'
import { publishVersion } from '../words/phrases.js'
import type { AccessReport, GateReport, RunReport } from './report.js'

export function renderSummary(report: RunReport): string {
  return [
    `## Feishu/Lark tenant token: ${headline(report)}`,
    '',
    ...facts(report),
    ...(report.gate ? gateSections(report.gate, report) : []),
    ...(report.access ? accessSection(report.access, report) : []),
    ...(report.bot?.problem ? ['### App and bot', '', 'The app is not usable in this tenant:', '', codeBlock(report.bot.problem), ''] : []),
    ...(report.error ? ['### Error', '', codeBlock(report.error), ''] : [])
  ].join('\n')
}

/** The headline says what was found: missing scopes, calls not allowed, unexpected scopes, an app not usable here. */
function headline(report: RunReport): string {
  if (report.error) return '❌ Failed'
  const { gate, bot, access, outcome } = report
  const found = [
    gate && gate.check.missing.length > 0 && (outcome === 'failed' ? 'required scopes missing' : 'scopes missing'),
    gate && gate.check.missingCalls.length > 0 && (outcome === 'failed' ? 'required calls not allowed' : 'calls not allowed'),
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

/** The API, the App ID, the token's expiry and the app's bot, as far as they are known. */
function facts(report: RunReport): string[] {
  const rows: Array<[string, string]> = []
  if (report.endpoint) rows.push(['API', api(report.endpoint)])
  if (report.appId) rows.push(['App ID', code(report.appId)])
  if (report.expiresAt) {
    rows.push(['Token expires', `${report.expiresAt}${report.expiresIn !== undefined ? ` (in ${duration(report.expiresIn)})` : ''}`])
  }
  if (report.bot?.appName) rows.push(['App name', code(report.bot.appName)])
  if (report.bot?.openId) rows.push(['Bot open_id', code(report.bot.openId)])
  if (report.calls !== undefined) rows.push(['API calls', `${report.calls} answered (API calls count against the tenant's monthly quota)`])
  return rows.length > 0 ? ['| | |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`), ''] : []
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

/** The mark of each status, before the words the error uses too (MISSING_REASONS). */
const MARKS: Record<MissingStatus, string> = {
  'awaiting-approval': '⏳',
  'unknown-type': '❓',
  'user-only': '👤',
  retired: '🔁',
  unknown: '❔',
  'not-configured': '❌'
}

/** The gate: the required scopes, the required calls, the grant link and the approval request, the audit. */
function gateSections(gate: GateReport, report: RunReport): string[] {
  const rules = { appId: report.appId ?? '', endpoint: report.endpoint!, requestApproval: gate.requestApproval }
  return [
    ...(gate.check.statuses.length > 0 ? requiredScopes(gate, rules) : []),
    ...(gate.check.calls.length > 0 ? requiredCalls(gate, rules) : []),
    ...grantAndApproval(gate, rules),
    ...unexpectedScopes(gate, report)
  ]
}

type Rules = { readonly appId: string; readonly endpoint: Endpoint; readonly requestApproval: boolean }

/** Each required scope with its status and what to do. */
function requiredScopes({ check, onMissing }: GateReport, rules: Rules): string[] {
  const missing = check.missing.length
  return [
    '### Required scopes',
    '',
    missing === 0
      ? allGrantedMessage(check)
      : `${countOf(missing, check.statuses.length, 'scope', ['is missing', 'are missing'])} (on-missing-scopes: ${onMissing}).`,
    '',
    // "What to do" only when there is something to do.
    ...(missing === 0 ? ['| Scope | Status |', '| --- | --- |'] : ['| Scope | Status | What to do |', '| --- | --- | --- |']),
    ...tableRows(
      check.statuses,
      entry => {
        const done = missing === 0 ? '' : ' |'
        return entry.status === 'granted'
          ? `| ${code(entry.scope)} | ✅ granted |${done}`
          : entry.status === 'covered'
            ? `| ${code(entry.scope)} | ✅ granted through ${code(entry.by!)}, which allows every call it allows |${done}`
            : `| ${code(entry.scope)} | ${MARKS[entry.status]} ${MISSING_REASONS[entry.status]} | ${inert(missingFix({ ...entry, status: entry.status }, rules))} |`
      },
      missing === 0 ? 'the `granted-scopes` output lists them' : 'the `missing-scopes` output lists the missing ones |'
    ),
    ''
  ]
}

/** Each required call with the scope that allows it, or why it cannot be made; the catalogue's date. */
function requiredCalls({ check, onMissing }: GateReport, rules: Rules): string[] {
  const missing = check.missingCalls.length
  const total = check.calls.length
  return [
    '### Required calls',
    '',
    missing === 0
      ? `The app can make ${total === 1 ? 'the required call' : `all ${total} required calls`}.`
      : `${countOf(missing, total, 'call', ['cannot be made', 'cannot be made'])} (on-missing-scopes: ${onMissing}).`,
    '',
    '| Call | Method and path | Scope | Result |',
    '| --- | --- | --- | --- |',
    ...tableRows(
      check.calls,
      entry => {
        const { label, written, call } = entry.required
        const scope =
          entry.status === 'allowed'
            ? entry.held
              ? code(entry.held)
              : 'needs none'
            : `${call.scopes.map(code).join(', ')}; grant ${code(entry.awaiting?.join(', ') ?? entry.grant!)}`
        const result = entry.status === 'allowed' ? '✅ allowed' : `❌ ${inert(callReason({ ...entry, status: entry.status }))}`
        return `| ${code(cut(label ?? written, 80))} | ${code(`${call.method} ${call.path}`)} | ${scope} | ${result} |`
      },
      'the `missing-calls` output lists the calls that cannot be made |'
    ),
    '',
    inert(catalogueNote(check, rules)),
    ''
  ]
}

/** The grant link (its first rows, as the error's) and the approval request. */
function grantAndApproval({ check, grantLink, approval }: GateReport, rules: Rules): string[] {
  const lines: string[] = []
  if (grantLink) {
    const which = check.toGrant.length > SHOWN_ROWS ? `the first ${SHOWN_ROWS} missing scopes` : 'the missing scopes'
    lines.push(
      `**[Grant ${which}](${linkTarget(grantLink)})** on the app's ${consoleLabel('permissions', rules.endpoint)} page, then ${publishVersion(rules)}.`,
      ''
    )
  }
  if (approval) {
    const { requested, text } = approval
    lines.push(requested ? `📨 ${text}` : 'The approval request was not accepted:', '', ...(requested ? [] : [codeBlock(text), '']))
  }
  return lines
}

/** The least-privilege audit, when it is on. */
function unexpectedScopes({ check, onUnexpected }: GateReport, report: RunReport): string[] {
  if (onUnexpected === 'ignore') return []
  const { unexpected } = check
  if (unexpected.length === 0) return ['### Unexpected scopes', '', 'The app holds no scope beyond the required ones.', '']
  const one = unexpected.length === 1
  return [
    '### Unexpected scopes',
    '',
    `${unexpected.length} scope${one ? ' is' : 's are'} configured on the app but not required` +
      ` (on-unexpected-scopes: ${onUnexpected}): remove ${one ? 'it' : 'them'} from the app and ${publishVersion({ endpoint: report.endpoint! })},` +
      ` or add ${one ? 'it' : 'them'} to \`required-scopes\`.`,
    '',
    '| Scope | Status |',
    '| --- | --- |',
    ...tableRows(
      unexpected,
      ({ scope, status, narrower }) =>
        `| ${code(scope)} | ${status === 'granted' ? '✅ granted' : '⏳ awaiting approval'}${narrower ? `; the required calls it allows are allowed by the narrower ${code(narrower)}` : ''} |`,
      'the `unexpected-scopes` output lists them'
    ),
    ''
  ]
}

/** An id as written, but for one longer than any token (a calendar's can be 200 characters): its start and end. */
function shortId(id: string): string {
  const chars = Array.from(id)
  return chars.length > 64 ? `${chars.slice(0, 44).join('')}…${chars.slice(-16).join('')}` : id
}

/** The kind of a resource, and, for the object a wiki page holds, that it is in a wiki page (whose id the ID column gives). */
const kindWords = ({ kind, inWiki }: Resource): string => `${RESOURCE_KINDS[kind].noun}${inWiki === undefined ? '' : ' (in a wiki page)'}`

/** The result of one resource check in a few words; never a title or name from an answer. */
function accessResultWords(result: AccessResult, report: RunReport): string {
  const { problem, resource } = result
  if (problem === undefined) return resource.edit ? '✅ can read and edit' : '✅ reachable'
  if (problem === 'not-checked') return result.logId ? '⚠️ refused, as every call was (see below)' : '⚠️ not checked (see the error)'
  if (problem === 'failed') return '⚠️ could not be checked (see below)'
  return `❌ ${accessWords(result, { appId: report.appId ?? '', endpoint: report.endpoint! }).meaning}`
}

/** Each resource of 'required-access' with what its check found. */
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
      ({ resource, ...result }) =>
        `| ${code(cut(resource.label ?? resourceName({ ...resource, id: shortId(resource.id) }), 80))} | ${kindWords(resource)} | ` +
        `${code(shortId(resource.inWiki ?? resource.id))} | ${resource.edit ? 'read and edit' : 'read'} | ${accessResultWords({ resource, ...result }, report)} |`
    ),
    '',
    ...(access.text ? [codeBlock(access.text), ''] : [])
  ]
}
