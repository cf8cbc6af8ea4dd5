// The gate's verdict and its words: required scopes that are missing, and (the audit) configured scopes that
// are not required. Pure: main.ts logs what it says.
import { firstRows } from './limits.js'
import { type Endpoint, appConsoleUrl, grantLink } from './region.js'
import type { ScopeCheck, ScopeStatus } from './scopes.js'

export interface GateRules {
  readonly appId: string
  readonly endpoint: Endpoint
  readonly onMissingScopes: 'fail' | 'warn'
  readonly onUnexpectedScopes: 'ignore' | 'warn' | 'fail'
}

export interface GateVerdict {
  readonly outcome: 'passed' | 'warned' | 'failed'
  /** One message for everything that fails the step. */
  readonly failure?: string
  readonly warnings: string[]
  /** Opens the permission page with the missing scopes searched for. */
  readonly grantLink?: string
}

export function gateVerdict(check: ScopeCheck, rules: GateRules): GateVerdict {
  const failures: string[] = []
  const warnings: string[] = []
  let link: string | undefined
  if (check.missing.length > 0) {
    // One click for the scopes the error lists: a link is a URL, and a URL has a practical length.
    link = grantLink(rules.endpoint, rules.appId, firstRows(check.missing).rows)
    ;(rules.onMissingScopes === 'fail' ? failures : warnings).push(missingScopesMessage(check, rules.appId, link))
  }
  if (check.unexpected.length > 0 && rules.onUnexpectedScopes !== 'ignore') {
    ;(rules.onUnexpectedScopes === 'fail' ? failures : warnings).push(unexpectedScopesMessage(check, rules))
  }
  return {
    outcome: failures.length > 0 ? 'failed' : warnings.length > 0 ? 'warned' : 'passed',
    ...(failures.length > 0 && { failure: failures.join('\n\n') }),
    warnings,
    ...(link && { grantLink: link })
  }
}

/** "The required scope is granted." or "All 3 required scopes are granted." */
export function allGrantedMessage(check: ScopeCheck): string {
  const count = check.statuses.length
  return count === 1 ? 'The required scope is granted.' : `All ${count} required scopes are granted.`
}

/** Why a required scope is missing, and what to do, in the words of the error. */
export const MISSING_WORDS: Record<Exclude<ScopeStatus, 'granted'>, string> = {
  'awaiting-approval': 'configured on the app but not granted by the tenant: ask the tenant admin to approve it.',
  'user-only':
    'enabled for users only (the user identity), so a tenant token does not carry it: enable it for the app identity on the permission page and publish a new version.',
  'not-configured': 'not configured on the app: add it on the permission page and publish a new version.'
}

export function missingScopesMessage(check: ScopeCheck, appId: string, link: string): string {
  const { rows, more } = firstRows(check.statuses.filter(({ status }) => status !== 'granted'))
  return [
    `${check.missing.length} of ${check.statuses.length} required scopes ${check.missing.length === 1 ? 'is' : 'are'} missing for app ${appId}:`,
    ...rows.map(({ scope, status }) => `- ${scope}: ${MISSING_WORDS[status as Exclude<ScopeStatus, 'granted'>]}`),
    ...(more > 0 ? [`- and ${more} more: the 'missing-scopes' output lists them`] : []),
    `Grant ${more > 0 ? `the first ${rows.length}` : 'them'} in one click: ${link}`
  ].join('\n')
}

export function unexpectedScopesMessage(check: ScopeCheck, { appId, endpoint }: GateRules): string {
  const count = check.unexpected.length
  const { rows, more } = firstRows(check.unexpected)
  return [
    `${count} scope${count === 1 ? ' is' : 's are'} configured on app ${appId} but not in 'required-scopes' (least privilege: a tenant token carries every scope the app holds):`,
    ...rows.map(({ scope, status }) => `- ${scope}: ${status === 'granted' ? 'granted' : 'awaiting approval'}`),
    ...(more > 0 ? [`- and ${more} more: the 'unexpected-scopes' output lists them`] : []),
    `Remove ${count === 1 ? 'it' : 'them'} on the app's permission page (${appConsoleUrl(endpoint, appId)}/auth) and publish a version, ` +
      `or add ${count === 1 ? 'it' : 'them'} to 'required-scopes' if the workflow needs ${count === 1 ? 'it' : 'them'}.`
  ].join('\n')
}
