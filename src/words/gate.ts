// The gate's words: the scopes that are missing, each with its reason and fix, and the grant link; the scopes
// configured but not required (the least-privilege audit); and the one message of each for the step.
import type { GateRules, GateVerdict } from '../checks/gate.js'
import type { ScopeCheck, ScopeStatus } from '../checks/scopes.js'
import { firstRows } from '../output/limits.js'
import { permissionPage, publishVersion } from './phrases.js'

/** The failure and warnings the gate's verdict says: one message for what fails the step, one per warning. */
export function gateWords(
  verdict: GateVerdict,
  check: ScopeCheck,
  rules: GateRules
): { readonly failure?: string; readonly warnings: string[] } {
  const message = (finding: 'missing' | 'unexpected'): string =>
    finding === 'missing' ? missingScopesMessage(check, rules, verdict.grantLink!) : unexpectedScopesMessage(check, rules)
  const failing = verdict.failing.map(message)
  return { ...(failing.length > 0 && { failure: failing.join('\n\n') }), warnings: verdict.warning.map(message) }
}

/** "The required scope is granted." or "All 3 required scopes are granted." */
export function allGrantedMessage(check: ScopeCheck): string {
  const count = check.statuses.length
  return count === 1 ? 'The required scope is granted.' : `All ${count} required scopes are granted.`
}

export type MissingStatus = Exclude<ScopeStatus, 'granted'>

/** Why a required scope is missing: the same words in the error and in the job summary. */
export const MISSING_REASONS: Readonly<Record<MissingStatus, string>> = {
  'awaiting-approval': 'configured on the app but not granted by the tenant',
  'unknown-type': 'listed only with a scope_type this action does not know, so it is not counted as carried by a tenant token',
  'user-only': 'enabled for users only (the user identity), so a tenant token does not carry it',
  'not-configured': 'not configured on the app'
}

/** What to do about a missing scope, for its reason: the same words in the error and in the job summary. */
export function missingFix(status: MissingStatus, rules: Pick<GateRules, 'appId' | 'endpoint' | 'requestApproval'>): string {
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
    case 'not-configured':
      return `add it on ${permissionPage(c)}, then ${publishVersion(c)}`
  }
}

/** The required scopes that are missing, each with its reason and fix, then the grant link. */
export function missingScopesMessage(check: ScopeCheck, rules: GateRules, link: string): string {
  const missing = check.statuses.filter((s): s is { scope: string; status: MissingStatus } => s.status !== 'granted')
  const { rows, more } = firstRows(missing)
  return [
    `${missing.length} of ${check.statuses.length} required scopes ${missing.length === 1 ? 'is' : 'are'} missing for app ${rules.appId}:`,
    ...rows.map(({ scope, status }) => `- ${scope}: ${MISSING_REASONS[status]}: ${missingFix(status, rules)}.`),
    ...(more > 0 ? [`- and ${more} more: the 'missing-scopes' output lists them`] : []),
    `Grant ${more > 0 ? `the first ${rows.length}` : 'them'} in one click: ${link}`
  ].join('\n')
}

/** The scopes configured on the app that are not required (least privilege). */
export function unexpectedScopesMessage(check: ScopeCheck, rules: GateRules): string {
  const count = check.unexpected.length
  const { rows, more } = firstRows(check.unexpected)
  const c = { appId: rules.appId, endpoint: rules.endpoint }
  return [
    `${count} scope${count === 1 ? ' is' : 's are'} configured on app ${rules.appId} but not in 'required-scopes' (least privilege: a tenant token carries every scope the app holds):`,
    ...rows.map(({ scope, status }) => `- ${scope}: ${status === 'granted' ? 'granted' : 'awaiting approval'}`),
    ...(more > 0 ? [`- and ${more} more: the 'unexpected-scopes' output lists them`] : []),
    `Remove ${count === 1 ? 'it' : 'them'} on ${permissionPage(c)} and ${publishVersion(c)}, ` +
      `or add ${count === 1 ? 'it' : 'them'} to 'required-scopes' if the workflow needs ${count === 1 ? 'it' : 'them'}.`
  ].join('\n')
}
