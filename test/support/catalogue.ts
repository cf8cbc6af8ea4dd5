// Scope names for the tests that need many real ones: names Feishu's API catalogue knows (so that the gate offers
// to grant them), that no scope an app holds covers, and that the notes do not set aside.
import { loadCatalogue } from '../../src/catalogue/load.js'
import { noteOn } from '../../src/catalogue/notes.js'
import { coveringScope } from '../../src/catalogue/scopes.js'

/** The first `count` scopes (sorted) that allow a tenant call, that none of `held` covers and no note names. */
export function grantableScopes(count: number, held: readonly string[]): string[] {
  const catalogue = loadCatalogue()
  const found = [...new Set(catalogue.tenantCalls.flatMap(call => call.scopes))]
    .sort()
    .filter(scope => !held.includes(scope) && noteOn(scope) === undefined && coveringScope(catalogue, scope, held) === undefined)
  if (found.length < count) throw new Error(`the catalogue has only ${found.length} such scopes`)
  return found.slice(0, count)
}
