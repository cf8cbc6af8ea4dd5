// What a tenant token carries, as the app's scope list (application/v6/scopes) says: each scope by identity and grant.
import { type ListedScope, isScopeName } from '../feishu/scopes.js'

/** The app's scope list, read for the tenant token. */
export interface TokenScopes {
  /** Granted by the tenant to the app identity: what the token carries. */
  readonly granted: ReadonlySet<string>
  /** Configured for the app identity, granted or awaiting approval. */
  readonly configured: ReadonlySet<string>
  /** Listed for the user identity (user tokens). */
  readonly forUsers: ReadonlySet<string>
  /** Listed under a `scope_type` this action does not know, and whether any of those entries is granted. */
  readonly ofUnknownType: ReadonlyMap<string, boolean>
  /** Those types, as sent, each once. */
  readonly unknownTypes: ReadonlySet<string>
  /** Names the server listed that are not scope names: left out of everything above. */
  readonly ignored: string[]
}

/**
 * Only entries for the app identity count for the token, in any order and however often listed. `scope_type` is
 * compared in any case; an absent one is the app identity (older answers list only that).
 */
export function readScopeList(listed: readonly ListedScope[]): TokenScopes {
  const granted = new Set<string>()
  const configured = new Set<string>()
  const forUsers = new Set<string>()
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
  return { granted, configured, forUsers, ofUnknownType, unknownTypes, ignored }
}
