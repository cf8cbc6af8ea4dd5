// Small catalogues written in the tests, one call a line, so that each rule is seen on the calls that show it.
import type { Catalogue, Method, TokenType } from '../../src/catalogue/catalogue.js'
import { catalogueOf } from '../../scripts/catalogue/build.js'

export const SOURCE = { repository: 'https://example.com/spec', commit: 'c0ffee', date: '2026-01-02T03:04:05Z' }

/**
 * Takes lines 'METHOD path operationId tokens scopes', the lists comma-separated or '-', gives their catalogue
 * (built as the build stage builds it; every scope mentioned becomes a known name).
 */
export function small(...lines: string[]): Catalogue {
  const operations = lines.map(line => {
    const [method, path, operationId, tokens, scopes] = line.split(' ') as [Method, string, string, string, string]
    const list = (text: string) => (text === '-' ? [] : text.split(','))
    return { method, path, operationId, tokens: list(tokens) as TokenType[], scopes: list(scopes), fieldScopes: [] }
  })
  return catalogueOf({ source: SOURCE, operations })
}
