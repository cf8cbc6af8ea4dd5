// Whether the tenant token can make each required call: the catalogue lists the scopes that allow a call, and any one
// of them is enough (docs/feishu.md, "The API catalogue"). For a call the token cannot make, the scope to grant is
// the narrowest of them (the one that allows the fewest calls), never one the notes say no one should be told to
// grant, unless the app's own list has it for the app identity.
import type { Catalogue } from '../catalogue/catalogue.js'
import { SCOPE_NOTES } from '../catalogue/notes.js'
import { narrowest } from '../catalogue/scopes.js'
import type { RequiredCall } from '../inputs/calls.js'
import type { TokenScopes } from './token-scopes.js'

/** Why a required call cannot be made, by the state of its scopes in the app's list. */
export type MissingCallStatus = 'awaiting-approval' | 'user-only' | 'unknown-type' | 'not-configured'

export interface CallCheck {
  readonly required: RequiredCall
  readonly status: 'allowed' | MissingCallStatus
  /** Allowed: the scope the token carries that allows it (the narrowest, when several do); absent when it needs none. */
  readonly held?: string
  /** `awaiting-approval`: those of its scopes configured for the app identity that await the tenant's approval. */
  readonly awaiting?: readonly string[]
  /** Missing: the scope to grant, the narrowest a tenant token can be given. */
  readonly grant?: string
}

/** Each required call, in the order given: what allows it, or why it cannot be made and what to grant. */
export function checkCalls(calls: readonly RequiredCall[], token: TokenScopes, catalogue: Catalogue): CallCheck[] {
  // Never told to grant. The app's own list has the last word on a scope's identity, but a scope it lists for the
  // app identity is granted or awaiting approval, and a call with one never gets this far.
  const notToGrant = Object.keys(SCOPE_NOTES)
  return calls.map(required => {
    const { scopes } = required.call
    if (scopes.length === 0) return { required, status: 'allowed' }
    const held = scopes.filter(scope => token.granted.has(scope))
    if (held.length > 0) return { required, status: 'allowed', held: narrowest(catalogue, held) ?? held[0]! }
    const awaiting = scopes.filter(scope => token.configured.has(scope))
    if (awaiting.length > 0) return { required, status: 'awaiting-approval', awaiting }
    const grant = narrowest(catalogue, scopes, notToGrant) ?? narrowest(catalogue, scopes) ?? scopes[0]!
    const status = scopes.some(scope => token.forUsers.has(scope))
      ? 'user-only'
      : scopes.some(scope => token.ofUnknownType.has(scope))
        ? 'unknown-type'
        : 'not-configured'
    return { required, status, grant }
  })
}
