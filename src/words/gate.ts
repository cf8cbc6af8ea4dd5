// The gate's words: the scopes that are missing, each with its reason and fix; the calls the token cannot make, each
// with the scope to grant; the grant link; the scopes configured that nothing required needs (the least-privilege
// audit); and the one message of each for the step.
import type { CallCheck, MissingCallStatus } from '../checks/calls.js'
import type { GateFinding, GateRules, GateVerdict } from '../checks/gate.js'
import type { RequiredScope, ScopeCheck, ScopeStatus } from '../checks/scopes.js'
import { firstRows } from '../output/limits.js'
import { quote } from '../output/text.js'
import { permissionPage, publishVersion } from './phrases.js'

type Rules = Pick<GateRules, 'appId' | 'endpoint' | 'requestApproval'>

/** The failure and warnings the gate's verdict says: one message for what fails the step, one per warning. */
export function gateWords(
  verdict: GateVerdict,
  check: ScopeCheck,
  rules: GateRules
): { readonly failure?: string; readonly warnings: string[] } {
  // The grant link closes the last message that lists something to grant.
  const linked: GateFinding | undefined = verdict.grantLink ? (check.missingCalls.length > 0 ? 'calls' : 'missing') : undefined
  const message = (finding: GateFinding): string => {
    const link = finding === linked ? verdict.grantLink : undefined
    if (finding === 'missing') return missingScopesMessage(check, rules, link)
    return finding === 'calls' ? missingCallsMessage(check, rules, link) : unexpectedScopesMessage(check, rules)
  }
  const failing = verdict.failing.map(message)
  return { ...(failing.length > 0 && { failure: failing.join('\n\n') }), warnings: verdict.warning.map(message) }
}

/** "The required scope is granted." or "All 3 required scopes are granted." */
export function allGrantedMessage(check: ScopeCheck): string {
  const count = check.statuses.length
  return count === 1 ? 'The required scope is granted.' : `All ${count} required scopes are granted.`
}

/** A required scope the token carries through a broader one: which, for the log. */
export const coveredMessage = ({ scope, by }: RequiredScope): string =>
  `The required scope ${scope} is granted through ${by}, which allows every call ${scope} allows.`

/** "The app can make the required call." or "... all 5 required calls.", with the scope that allows each. */
export function allCallsMessage(check: ScopeCheck): string {
  const count = check.calls.length
  return `The app can make ${count === 1 ? 'the required call' : `all ${count} required calls`}: ${check.calls.map(callWithScope).join('; ')}.`
}

const callWithScope = ({ required, held }: CallCheck): string => `${callTitle(required)} with ${held ?? 'no scope (it needs none)'}`

/** A call as the lines about it name it: its label, quoted, then the call as written (and the call it is, when written otherwise). */
export function callTitle({ label, written, call }: CallCheck['required']): string {
  const template = `${call.method} ${call.path}`
  const named = written === template ? written : `${written}, that is ${template}`
  return label ? `${quote(label, 80)} (${named})` : named
}

export type MissingStatus = Exclude<ScopeStatus, 'granted' | 'covered'>

/** Why a required scope is missing: the same words in the error and in the job summary. */
export const MISSING_REASONS: Readonly<Record<MissingStatus, string>> = {
  'awaiting-approval': 'configured on the app but not granted by the tenant',
  'unknown-type': 'listed only with a scope_type this action does not know, so it is not counted as carried by a tenant token',
  'user-only': 'enabled for users only (the user identity), so a tenant token does not carry it',
  retired: 'a name the developer console has retired: it merged it into another scope',
  unknown: "not a scope Feishu's API catalogue knows, nor one configured on the app",
  'not-configured': 'not configured on the app'
}

/** What to do about a missing scope, for its reason: the same words in the error and in the job summary. */
export function missingFix(
  { status, into, nearest }: Pick<RequiredScope, 'into' | 'nearest'> & { status: MissingStatus },
  rules: Rules
): string {
  const c = { appId: rules.appId, endpoint: rules.endpoint }
  switch (status) {
    case 'awaiting-approval':
      return rules.requestApproval
        ? "the tenant admin must approve it ('request-approval: true' asks them once; its own line says whether the request went through)"
        : "ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them"
    case 'unknown-type':
      return `check it on ${permissionPage(c)}: enable it for the app identity, then ${publishVersion(c)}`
    case 'user-only':
      return `enable it for the app identity on ${permissionPage(c)}, then ${publishVersion(c)}`
    case 'retired':
      return `require ${into} instead in 'required-scopes'`
    case 'unknown': {
      // The catalogue holds the scopes of API calls only: a scope that only events use is real but not in it.
      const spelling =
        nearest && nearest.length > 0
          ? `check its spelling (the nearest ${nearest.length === 1 ? 'name' : 'names'} the catalogue knows: ${nearest.join(', ')})`
          : 'check its spelling'
      return `${spelling}; a scope that only events use (receiving messages, say) is not in the catalogue: add it on ${permissionPage(c)}, then ${publishVersion(c)}`
    }
    case 'not-configured':
      return `add it on ${permissionPage(c)}, then ${publishVersion(c)}`
  }
}

const grantLine = (count: number, shown: number, link: string | undefined): string[] =>
  link ? [`Grant ${count > shown ? `the first ${shown}` : count === 1 ? 'it' : 'them'} in one click: ${link}`] : []

/** "3 of 5 required scopes are missing", or, of one, "The required scope is missing". */
export const countOf = (missing: number, total: number, noun: string, verb: [one: string, many: string]): string =>
  total === 1 ? `The required ${noun} ${verb[0]}` : `${missing} of ${total} required ${noun}s ${missing === 1 ? verb[0] : verb[1]}`

/** The required scopes that are missing, each with its reason and fix, then the grant link when it closes this message. */
export function missingScopesMessage(check: ScopeCheck, rules: GateRules, link?: string): string {
  const missing = check.statuses.filter(
    (s): s is RequiredScope & { status: MissingStatus } => s.status !== 'granted' && s.status !== 'covered'
  )
  const { rows, more } = firstRows(missing)
  return [
    `${countOf(missing.length, check.statuses.length, 'scope', ['is missing', 'are missing'])} for app ${rules.appId}:`,
    ...rows.map(entry => `- ${entry.scope}: ${MISSING_REASONS[entry.status]}: ${missingFix(entry, rules)}.`),
    ...(more > 0 ? [`- and ${more} more: the 'missing-scopes' output lists them`] : []),
    ...grantLine(check.toGrant.length, firstRows(check.toGrant).rows.length, link)
  ].join('\n')
}

/** Why a required call cannot be made: the same words in the error and in the job summary. */
export function callReason({ status, required, awaiting, grant }: CallCheck & { status: MissingCallStatus }): string {
  const scopes = required.call.scopes.join(', ')
  switch (status) {
    case 'awaiting-approval': {
      // One scope is the subject, so the fix's "approve it" reads right; the others allow the call as well.
      const [first, ...others] = awaiting!
      const also = others.length > 0 ? ` (or ${others.join(', or ')}, which ${others.length === 1 ? 'allows' : 'allow'} it too)` : ''
      return `its scope ${first}${also} awaits the tenant admin's approval`
    }
    case 'user-only':
      return `of the scopes that allow it (${scopes}), the app has some for users only (the user identity), which a tenant token does not carry: grant ${grant}`
    case 'unknown-type':
      return `of the scopes that allow it (${scopes}), the app has some only under a scope_type this action does not know: grant ${grant}`
    case 'not-configured':
      return `the app holds none of the scopes that allow it (${scopes}): grant ${grant}, the narrowest`
  }
}

/** The required calls the token cannot make, each with why and what to do, then the grant link. */
export function missingCallsMessage(check: ScopeCheck, rules: GateRules, link?: string): string {
  const missing = check.calls.filter((c): c is CallCheck & { status: MissingCallStatus } => c.status !== 'allowed')
  const { rows, more } = firstRows(missing)
  return [
    `${countOf(missing.length, check.calls.length, 'call', ['cannot be made', 'cannot be made'])} by app ${rules.appId}:`,
    ...rows.map(c => `- ${callTitle(c.required)}: ${callReason(c)}: ${missingFix(c, rules)}.`),
    ...(more > 0 ? [`- and ${more} more: the 'missing-calls' output lists them`] : []),
    catalogueNote(check, rules),
    ...grantLine(check.toGrant.length, firstRows(check.toGrant).rows.length, link)
  ].join('\n')
}

/** Where the scopes of each call come from, and what to do where Lark's differ. */
export function catalogueNote(check: Pick<ScopeCheck, 'catalogueDate'>, rules: Pick<GateRules, 'endpoint'>): string {
  const source = `The scopes that allow each call are those of Feishu's API catalogue of ${check.catalogueDate?.slice(0, 10) ?? 'its snapshot'}.`
  return rules.endpoint.region === 'lark'
    ? `${source} Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'.`
    : source
}

/** The scopes configured on the app that nothing required needs (least privilege). */
export function unexpectedScopesMessage(check: ScopeCheck, rules: GateRules): string {
  const count = check.unexpected.length
  const { rows, more } = firstRows(check.unexpected)
  const c = { appId: rules.appId, endpoint: rules.endpoint }
  const required = check.calls.length > 0 ? "'required-scopes' or needed by 'required-calls'" : "'required-scopes'"
  return [
    `${count} scope${count === 1 ? ' is' : 's are'} configured on app ${rules.appId} but not in ${required} (least privilege: a tenant token carries every scope the app holds):`,
    ...rows.map(
      ({ scope, status, narrower }) =>
        `- ${scope}: ${status === 'granted' ? 'granted' : 'awaiting approval'}${narrower ? `; the required calls it allows are allowed by the narrower ${narrower}` : ''}`
    ),
    ...(more > 0 ? [`- and ${more} more: the 'unexpected-scopes' output lists them`] : []),
    `Remove ${count === 1 ? 'it' : 'them'} on ${permissionPage(c)} and ${publishVersion(c)}, ` +
      `or add ${count === 1 ? 'it' : 'them'} to 'required-scopes' if the workflow needs ${count === 1 ? 'it' : 'them'}.`
  ].join('\n')
}
