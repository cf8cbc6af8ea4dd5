// The build stage: catalogue/operations.tsv to src/catalogue/catalogue.json, the table the action reads at run time.
import { type Catalogue, encodeCatalogue, type OtherCall, type TenantCall } from '../../src/catalogue/catalogue.js'
import { byText, type Operations, parseOperations } from './operations.js'

/**
 * Takes the text of catalogue/operations.tsv, gives the text of src/catalogue/catalogue.json. Throws what
 * parseOperations throws for a malformed TSV.
 */
export function build(tsv: string): string {
  return encodeCatalogue(catalogueOf(parseOperations(tsv)))
}

/**
 * Takes the operations, gives the catalogue: the calls that accept a tenant token with their scopes, the others
 * with their token types, both sorted by path then method, and every scope name mentioned anywhere.
 */
export function catalogueOf({ source, operations }: Operations): Catalogue {
  const sorted = [...operations].sort((a, b) => byText(a.path, b.path) || byText(a.method, b.method))
  const tenantCalls: TenantCall[] = []
  const otherCalls: OtherCall[] = []
  for (const { method, path, operationId, tokens, scopes } of sorted) {
    if (tokens.includes('tenant')) tenantCalls.push({ tenant: true, method, path, operationId, scopes: [...scopes].sort(byText) })
    else otherCalls.push({ tenant: false, method, path, operationId, tokens: tokens.filter(type => type !== 'tenant').sort(byText) })
  }
  const scopeNames = [...new Set(operations.flatMap(op => [...op.scopes, ...op.fieldScopes]))].sort(byText)
  return { source, tenantCalls, otherCalls, scopeNames }
}
