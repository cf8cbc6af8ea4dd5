// Scopes as the catalogue relates them, over the calls that accept a tenant token only (what this action's token
// can make). A scope allows a call when the call lists it; any one listed scope is enough (section 11 of
// docs/feishu.md, "The API catalogue"). Indexes are built on the first query of a catalogue and kept with it.
import type { Catalogue, TenantCall } from './catalogue.js'
import { nearest } from './distance.js'
import { perCatalogue } from './lazy.js'

interface ScopeIndex {
  /** The tenant calls each scope allows. */
  readonly calls: ReadonlyMap<string, readonly TenantCall[]>
  /** The same as sets, for the subset test of covers: made on the first covers of each scope. */
  readonly sets: Map<string, ReadonlySet<TenantCall>>
}

const NONE: readonly TenantCall[] = []

// Plain loops: built once, cold (see decodeCatalogue).
const scopeIndex = perCatalogue((catalogue): ScopeIndex => {
  const calls = new Map<string, TenantCall[]>()
  for (let i = 0; i < catalogue.tenantCalls.length; i++) {
    const call = catalogue.tenantCalls[i]!
    for (let j = 0; j < call.scopes.length; j++) {
      const allowed = calls.get(call.scopes[j]!)
      if (allowed) allowed.push(call)
      else calls.set(call.scopes[j]!, [call])
    }
  }
  return { calls, sets: new Map() }
})

const knownScopes = perCatalogue(catalogue => new Set(catalogue.scopeNames))

/** The tenant calls a scope allows, as a set; undefined when it allows none. */
function setOf(catalogue: Catalogue, scope: string): ReadonlySet<TenantCall> | undefined {
  const { calls, sets } = scopeIndex(catalogue)
  if (!sets.has(scope) && calls.has(scope)) sets.set(scope, new Set(calls.get(scope)))
  return sets.get(scope)
}

/** Takes a scope, gives the tenant calls it allows, in path order; none for a scope that allows none. */
export function callsAllowedBy(catalogue: Catalogue, scope: string): readonly TenantCall[] {
  return scopeIndex(catalogue).calls.get(scope) ?? NONE
}

/**
 * Takes scopes x and y, gives whether x covers y: every tenant call that y allows, x allows too (so an app holding
 * x needs no y). Defined only for a y that allows at least one tenant call: undefined otherwise (a user-side or
 * field scope, or an unknown name), since "every call of none" would make any x cover it. Derived from the data
 * (docs/feishu.md, "The API catalogue"), not from the names: docx:document covers docx:document:create.
 */
export function covers(catalogue: Catalogue, x: string, y: string): boolean | undefined {
  const ofY = setOf(catalogue, y)
  if (!ofY) return undefined
  const ofX = setOf(catalogue, x)
  if (!ofX || ofX.size < ofY.size) return false
  for (const call of ofY) if (!ofX.has(call)) return false
  return true
}

/**
 * Takes scopes (typically those of one call) and names to skip (user-side scopes), gives the one that allows the
 * fewest tenant calls, ties broken by name: the least privilege to grant. Scopes that allow no tenant call are
 * skipped too. Undefined when none is left.
 */
export function narrowest(catalogue: Catalogue, scopes: Iterable<string>, exclude: Iterable<string> = []): string | undefined {
  const skip = new Set(exclude)
  const { calls } = scopeIndex(catalogue)
  let best: { scope: string; count: number } | undefined
  for (const scope of scopes) {
    const count = calls.get(scope)?.length ?? 0
    if (skip.has(scope) || count === 0) continue
    if (!best || count < best.count || (count === best.count && scope < best.scope)) best = { scope, count }
  }
  return best?.scope
}

/**
 * Takes a required scope and the scopes held, gives a held scope that covers the required one: itself when held,
 * else the narrowest of those that cover it. Undefined when none does, or when the required scope allows no tenant
 * call (covers is not defined there). Quick for hundreds of held scopes: a scope that covers y must allow each of
 * y's calls, so only the scopes of one of them are tried.
 */
export function coveringScope(catalogue: Catalogue, required: string, held: Iterable<string>): string | undefined {
  const allowed = callsAllowedBy(catalogue, required)
  if (allowed.length === 0) return undefined
  const holding = new Set(held)
  if (holding.has(required)) return required
  const fewest = allowed.reduce((a, b) => (b.scopes.length < a.scopes.length ? b : a))
  const candidates = fewest.scopes.filter(scope => holding.has(scope) && covers(catalogue, scope, required))
  return narrowest(catalogue, candidates)
}

/** Takes a name, gives whether the catalogue's source mentions it anywhere (a call's scopes or field scopes, any token type). */
export function isKnownScope(catalogue: Catalogue, name: string): boolean {
  return knownScopes(catalogue).has(name)
}

/**
 * Takes a name that is not a known scope, gives up to 3 known names near it (edit distance, ignoring case, at most
 * a quarter of its length and at least 1), nearest first, then by name: im:messages gives im:message first.
 */
export function nearestScopes(catalogue: Catalogue, name: string): string[] {
  const query = name.toLowerCase()
  return nearest(query, catalogue.scopeNames, scope => scope, Math.max(1, Math.floor(query.length / 4)))
}
