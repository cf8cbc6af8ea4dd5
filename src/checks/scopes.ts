// What the tenant token carries, compared with the scopes required: each required scope's status for the app identity,
// and (the least-privilege audit) the scopes configured that are not required. Pure: the gate step says what it means.
import { type ListedScope, isScopeName } from '../feishu/scopes.js'

/**
 * `user-only`: enabled for the user identity but not for the app's, so a tenant token does not carry it.
 * `unknown-type`: listed only with a `scope_type` this action does not know, so it cannot count as carried.
 */
export type ScopeStatus = 'granted' | 'awaiting-approval' | 'unknown-type' | 'user-only' | 'not-configured'

export interface ScopeCheck {
  /**
   * Every required scope with its status for a tenant token: the missing ones first, then the granted ones, each
   * sorted (the order of the outputs, the error, the grant link and the summary alike).
   */
  readonly statuses: ReadonlyArray<{ readonly scope: string; readonly status: ScopeStatus }>
  /** Every scope the tenant has granted the app identity (what the token carries), sorted. */
  readonly granted: string[]
  /** Every scope configured for the app identity that awaits the tenant's approval, sorted. */
  readonly awaiting: string[]
  /** Required scopes the token does not carry, sorted. */
  readonly missing: string[]
  /**
   * Scopes the app identity has configured (granted or awaiting approval) that are not required, sorted: least
   * privilege. Scopes of the user identity only are not here: the tenant token cannot use them. Scopes listed with
   * a `scope_type` this action does not know are (fail closed: the token may carry them).
   */
  readonly unexpected: ReadonlyArray<{ readonly scope: string; readonly status: 'granted' | 'awaiting-approval' }>
  /** Names the server listed that are not scope names: left out of everything above, never output. */
  readonly ignored: string[]
  /** The `scope_type` values this action does not know, as sent, each once. */
  readonly unknownTypes: string[]
}

/**
 * What a tenant token carries: only entries for the app identity count, in any order and however often listed.
 * `scope_type` is compared in any case; an entry of any other type is neither granted nor dropped: the audit counts
 * it, and `unknownTypes` names the type.
 */
export function checkScopes(required: readonly string[], listed: readonly ListedScope[]): ScopeCheck {
  const granted = new Set<string>()
  const configured = new Set<string>()
  const forUsers = new Set<string>()
  /** Scopes listed under an unknown type, and whether any of those entries is granted. */
  const ofUnknownType = new Map<string, boolean>()
  const unknownTypes = new Set<string>()
  const ignored: string[] = []
  for (const { name, grantStatus, identity } of listed) {
    // Outputs feed later steps' expressions and scripts: only real scope names may reach them.
    if (!isScopeName(name)) {
      ignored.push(name)
      continue
    }
    const type = identity?.toLowerCase()
    if (type === undefined || type === 'tenant') {
      configured.add(name)
      if (grantStatus === 1) granted.add(name)
    } else if (type === 'user') {
      forUsers.add(name)
    } else {
      unknownTypes.add(identity!)
      ofUnknownType.set(name, (ofUnknownType.get(name) ?? false) || grantStatus === 1)
    }
  }
  const statusOf = (scope: string): ScopeStatus =>
    granted.has(scope)
      ? 'granted'
      : configured.has(scope)
        ? 'awaiting-approval'
        : ofUnknownType.has(scope)
          ? 'unknown-type'
          : forUsers.has(scope)
            ? 'user-only'
            : 'not-configured'
  const byName = [...new Set(required)].sort()
  const all = byName.map(scope => ({ scope, status: statusOf(scope) }))
  const statuses = [...all.filter(s => s.status !== 'granted'), ...all.filter(s => s.status === 'granted')]
  const isRequired = new Set(required)
  const audited = new Map<string, boolean>(ofUnknownType)
  for (const scope of configured) audited.set(scope, granted.has(scope) || (audited.get(scope) ?? false))
  return {
    statuses,
    granted: [...granted].sort(),
    awaiting: [...configured].filter(scope => !granted.has(scope)).sort(),
    missing: statuses.filter(s => s.status !== 'granted').map(s => s.scope),
    unexpected: [...audited.keys()]
      .filter(scope => !isRequired.has(scope))
      .sort()
      .map(scope => ({ scope, status: audited.get(scope) ? ('granted' as const) : ('awaiting-approval' as const) })),
    ignored,
    unknownTypes: [...unknownTypes]
  }
}
