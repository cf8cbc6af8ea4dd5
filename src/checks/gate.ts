// The gate's verdict: which of its findings (required scopes missing, configured scopes not required) fail the step,
// which only warn, and the grant link. Pure data: src/words/gate.ts says it.
import { type Endpoint, grantLink } from '../feishu/region.js'
import { firstRows } from '../output/limits.js'
import type { ScopeCheck } from './scopes.js'

export interface GateRules {
  readonly appId: string
  readonly endpoint: Endpoint
  readonly onMissingScopes: 'fail' | 'warn'
  readonly onUnexpectedScopes: 'ignore' | 'warn' | 'fail'
  /** Whether the action asks the tenant admin to approve pending scopes ('request-approval'). */
  readonly requestApproval: boolean
}

/** What the gate can find: required scopes missing, required calls the token cannot make, and (the audit) configured scopes nothing required needs. */
export type GateFinding = 'missing' | 'calls' | 'unexpected'

export interface GateVerdict {
  readonly outcome: 'passed' | 'warned' | 'failed'
  /** What fails the step, in the order it is said. */
  readonly failing: readonly GateFinding[]
  /** What is only a warning. */
  readonly warning: readonly GateFinding[]
  /** Opens the permission page with the missing scopes searched for. */
  readonly grantLink?: string
}

export function gateVerdict(check: ScopeCheck, rules: GateRules): GateVerdict {
  const failing: GateFinding[] = []
  const warning: GateFinding[] = []
  let link: string | undefined
  // One click for the scopes the error asks for, in the same order: a URL has a practical length.
  if (check.toGrant.length > 0) link = grantLink(rules.endpoint, rules.appId, firstRows(check.toGrant).rows)
  if (check.missing.length > 0) (rules.onMissingScopes === 'fail' ? failing : warning).push('missing')
  if (check.missingCalls.length > 0) (rules.onMissingScopes === 'fail' ? failing : warning).push('calls')
  if (check.unexpected.length > 0 && rules.onUnexpectedScopes !== 'ignore') {
    ;(rules.onUnexpectedScopes === 'fail' ? failing : warning).push('unexpected')
  }
  return {
    outcome: failing.length > 0 ? 'failed' : warning.length > 0 ? 'warned' : 'passed',
    failing,
    warning,
    ...(link && { grantLink: link })
  }
}
