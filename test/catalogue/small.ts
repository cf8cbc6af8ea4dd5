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

/**
 * Takes a catalogue, gives a function that returns a copy of it, new in each test. The indexes built on first use
 * (src/catalogue/lazy.ts) are then built by every test that uses them, not only the first: each test runs, and so
 * holds, the code that builds them (mutation testing counts a test as covering only the code it ran).
 */
export function newInEachTest(catalogue: Catalogue): () => Catalogue {
  let copy = catalogue
  beforeEach(() => {
    copy = { ...catalogue }
  })
  return () => copy
}
