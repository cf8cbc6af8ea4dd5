// What the tenant token carries, compared with what is required: each required scope's status for the app identity
// (held itself, or through a broader scope that allows every call it allows), each required call's (any one of its
// scopes held), and (the least-privilege audit) the scopes configured that nothing required needs. Pure: the gate
// step says what it means. Feishu's API catalogue is read only when a required scope is not held as it is, or calls
// are required.
import type { Catalogue } from '../catalogue/catalogue.js'
import { noteOn } from '../catalogue/notes.js'
import { coveringScope, isKnownScope, nearestScopes } from '../catalogue/scopes.js'
import type { ListedScope } from '../feishu/scopes.js'
import type { RequiredCall } from '../inputs/calls.js'
import { type CallCheck, checkCalls } from './calls.js'
import { type TokenScopes, readScopeList } from './token-scopes.js'

/**
 * `covered`: not held itself, but through a broader scope the token carries (`by`) that allows every call it allows.
 * `user-only`: enabled for the user identity but not for the app's, so a tenant token does not carry it.
 * `unknown-type`: listed only with a `scope_type` this action does not know, so it cannot count as carried.
 * `retired`: the console merged it into another (`into`). `unknown`: no scope of Feishu's catalogue, nor of the app.
 */
export type ScopeStatus =
  | 'granted'
  | 'covered'
  | 'awaiting-approval'
  | 'unknown-type'
  | 'user-only'
  | 'retired'
  | 'unknown'
  | 'not-configured'

export interface RequiredScope {
  readonly scope: string
  readonly status: ScopeStatus
  /** `covered`: the scope the token carries that covers it. */
  readonly by?: string
  /** `retired`: the scope it was merged into. */
  readonly into?: string
  /** `unknown`: up to 3 real names near it. */
  readonly nearest?: readonly string[]
}

/** A configured scope nothing required needs; `narrower`: a held scope that allows the required calls it allows. */
export interface UnexpectedScope {
  readonly scope: string
  readonly status: 'granted' | 'awaiting-approval'
  readonly narrower?: string
}

export interface ScopeCheck {
  /**
   * Every required scope with its status for a tenant token: the missing ones first, then the held ones, each sorted
   * (the order of the outputs, the error, the grant link and the summary alike).
   */
  readonly statuses: readonly RequiredScope[]
  /** Every required call, in the order given, with what allows it or why it cannot be made. */
  readonly calls: readonly CallCheck[]
  /** Every scope the tenant has granted the app identity (what the token carries), sorted. */
  readonly granted: string[]
  /** Every scope configured for the app identity that awaits the tenant's approval, sorted. */
  readonly awaiting: string[]
  /** Required scopes the token carries neither itself nor through a broader one, sorted. */
  readonly missing: string[]
  /** The required calls the token cannot make, as written, sorted. */
  readonly missingCalls: string[]
  /** The scopes to ask for, for every missing scope and call (the grant link's), sorted. */
  readonly toGrant: string[]
  /**
   * Scopes the app identity has configured (granted or awaiting approval) that no required scope or call needs,
   * sorted: least privilege. Scopes of the user identity only are not here: the tenant token cannot use them. Scopes
   * listed with a `scope_type` this action does not know are (fail closed: the token may carry them).
   */
  readonly unexpected: readonly UnexpectedScope[]
  /** Names the server listed that are not scope names: left out of everything above, never output. */
  readonly ignored: string[]
  /** The `scope_type` values this action does not know, as sent, each once. */
  readonly unknownTypes: string[]
  /** The catalogue's date (ISO 8601), when it was read. */
  readonly catalogueDate?: string
}

/** What the gate requires beyond scopes, and where it learns what scopes mean. */
export interface Requirements {
  readonly calls?: readonly RequiredCall[]
  /** Feishu's API catalogue, read when it is first needed. */
  readonly catalogue?: () => Catalogue
}

/**
 * What a tenant token carries, against what is required: only entries for the app identity count, in any order and
 * however often listed. `scope_type` is compared in any case; an entry of any other type is neither granted nor
 * dropped: the audit counts it, and `unknownTypes` names the type.
 */
export function checkScopes(required: readonly string[], listed: readonly ListedScope[], more: Requirements = {}): ScopeCheck {
  const token = readScopeList(listed)
  let catalogue: Catalogue | undefined
  const read = more.catalogue && (() => (catalogue ??= more.catalogue!()))
  const all = [...new Set(required)].sort().map(scope => statusOf(scope, token, read))
  const held = (s: RequiredScope) => s.status === 'granted' || s.status === 'covered'
  const statuses = [...all.filter(s => !held(s)), ...all.filter(held)]
  const calls = more.calls && more.calls.length > 0 && read ? checkCalls(more.calls, token, read()) : []
  const missingCalls = calls.filter(({ status }) => status !== 'allowed')
  return {
    statuses,
    calls,
    granted: [...token.granted].sort(),
    awaiting: [...token.configured].filter(scope => !token.granted.has(scope)).sort(),
    missing: statuses.filter(s => !held(s)).map(s => s.scope),
    missingCalls: missingCalls.map(({ required }) => required.written).sort(),
    toGrant: [
      ...new Set([
        ...statuses.flatMap(s => (held(s) || s.status === 'unknown' ? [] : [s.into ?? s.scope])),
        ...missingCalls.flatMap(c => c.awaiting ?? (c.grant ? [c.grant] : []))
      ])
    ].sort(),
    unexpected: audit(token, statuses, calls),
    ignored: token.ignored,
    unknownTypes: [...token.unknownTypes],
    ...(catalogue && { catalogueDate: (catalogue as Catalogue).source.date })
  }
}

/** One required scope's status: held, through a broader scope, or why it is missing. */
function statusOf(scope: string, token: TokenScopes, catalogue: (() => Catalogue) | undefined): RequiredScope {
  if (token.granted.has(scope)) return { scope, status: 'granted' }
  const by = catalogue && coveringScope(catalogue(), scope, token.granted)
  if (by) return { scope, status: 'covered', by }
  if (token.configured.has(scope)) return { scope, status: 'awaiting-approval' }
  if (token.ofUnknownType.has(scope)) return { scope, status: 'unknown-type' }
  if (token.forUsers.has(scope)) return { scope, status: 'user-only' }
  const note = noteOn(scope)
  if (note?.kind === 'merged') return { scope, status: 'retired', into: note.into! }
  if (catalogue && !isKnownScope(catalogue(), scope)) return { scope, status: 'unknown', nearest: nearestScopes(catalogue(), scope) }
  return { scope, status: 'not-configured' }
}

/**
 * The least-privilege audit: every scope configured for the app identity (or under an unknown type) that no required
 * scope needs (itself, or the broader one that covers it) and no required call uses (the narrowest scope held that
 * allows it). A scope that allows required calls that a narrower one already allows says which.
 */
function audit(token: TokenScopes, statuses: readonly RequiredScope[], calls: readonly CallCheck[]): UnexpectedScope[] {
  const needed = new Set([
    ...statuses.map(s => s.scope),
    ...statuses.flatMap(s => (s.by ? [s.by] : [])),
    ...calls.flatMap(c => (c.held ? [c.held] : []))
  ])
  const audited = new Map<string, boolean>(token.ofUnknownType)
  for (const scope of token.configured) audited.set(scope, token.granted.has(scope) || (audited.get(scope) ?? false))
  return [...audited.keys()]
    .filter(scope => !needed.has(scope))
    .sort()
    .map(scope => {
      const narrower = calls.find(c => c.held && c.held !== scope && c.required.call.scopes.includes(scope))?.held
      return { scope, status: audited.get(scope) ? 'granted' : 'awaiting-approval', ...(narrower && { narrower }) }
    })
}
