// catalogue/operations.tsv: the committed record of everything the catalogue takes from its source, one line per
// operation, sorted, so that a refresh shows as a readable diff. Its canonical form is what formatOperations
// writes; parseOperations reads it back (and the regeneration test holds the committed file to that form).
import { METHODS, type Method, type Source, TOKEN_TYPES, type TokenType } from '../../src/catalogue/catalogue.js'
import { isScopeName } from '../../src/feishu/scopes.js'

export interface Operation {
  readonly method: Method
  readonly path: string
  readonly operationId: string
  /** `x-lark-access-tokens`, sorted. */
  readonly tokens: readonly TokenType[]
  /** `x-lark-scopes`: any one allows the call; sorted. */
  readonly scopes: readonly string[]
  /** `x-lark-field-scopes`: for extra fields only, not needed for the call; sorted. */
  readonly fieldScopes: readonly string[]
}

export interface Operations {
  readonly source: Source
  readonly operations: readonly Operation[]
}

const COLUMNS = ['method', 'path', 'operationId', 'tokens', 'scopes', 'field_scopes']

/** Code-unit order, the same on every machine (localeCompare is not). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byPathThenMethod = (a: Operation, b: Operation) => byText(a.path, b.path) || byText(a.method, b.method)

const cell = (items: readonly string[]) => (items.length === 0 ? '-' : [...items].sort(byText).join(','))

/** Takes the operations and their source, gives the TSV text, canonical: rows and lists sorted, '-' for none. */
export function formatOperations({ source, operations }: Operations): string {
  const header = [
    `# Every operation of openapi/*.yaml in ${source.repository} (MIT licence: catalogue/LICENSE), as derived by`,
    '# `npm run catalogue -- refresh <path>`: do not edit by hand. Columns: the call, the token types it accepts, the',
    '# scopes that allow it (any one), and the scopes for extra fields only. The runtime table is built from this file.',
    `# repository: ${source.repository}`,
    `# commit: ${source.commit}`,
    `# date: ${source.date}`,
    COLUMNS.join('\t')
  ]
  const rows = [...operations]
    .sort(byPathThenMethod)
    .map(op => [op.method, op.path, op.operationId, cell(op.tokens), cell(op.scopes), cell(op.fieldScopes)].join('\t'))
  return `${[...header, ...rows].join('\n')}\n`
}

/**
 * Takes the TSV text, gives the operations in file order. Throws an Error naming the line of anything that is not
 * a well-formed row (wrong column count, unknown method or token type, a list item that is not a scope name), of a
 * missing source line, and of a method and path or an operationId given twice.
 */
export function parseOperations(text: string): Operations {
  const source: Record<string, string> = {}
  const operations: Operation[] = []
  text.split('\n').forEach((line, i) => {
    const where = `operations.tsv, line ${i + 1}`
    const meta = /^# (repository|commit|date): (\S+)$/.exec(line)
    if (meta) source[meta[1]!] = meta[2]!
    else if (line !== '' && !line.startsWith('#') && line !== COLUMNS.join('\t')) operations.push(parseRow(line, where))
  })
  const { repository, commit, date } = source
  if (!repository || !commit || !date) throw new Error('operations.tsv: the header lacks the repository, commit or date line')
  assertUnique(operations)
  return { source: { repository, commit, date }, operations }
}

function parseRow(line: string, where: string): Operation {
  const cells = line.split('\t')
  if (cells.length !== COLUMNS.length) throw new Error(`${where}: ${cells.length} columns, not ${COLUMNS.length}`)
  const [method, path, operationId, tokens, scopes, fieldScopes] = cells as [string, string, string, string, string, string]
  if (!METHODS.includes(method as Method)) throw new Error(`${where}: unknown method ${method}`)
  if (!path.startsWith('/open-apis/') || /\s/.test(path)) throw new Error(`${where}: the path is not /open-apis/...`)
  // The matcher takes a segment that starts with '{' for a parameter (src/catalogue/paths.ts): nothing else may.
  if (path.split('/').some(segment => /[{}]/.test(segment) && !/^\{\w+\}$/.test(segment))) {
    throw new Error(`${where}: a parameter is not a whole segment written {name}`)
  }
  if (!/^\w+$/.test(operationId)) throw new Error(`${where}: the operationId is not a word`)
  const items = (text: string) => (text === '-' ? [] : text.split(','))
  if (!items(tokens).every(type => TOKEN_TYPES.includes(type as TokenType))) throw new Error(`${where}: unknown token type`)
  if (![...items(scopes), ...items(fieldScopes)].every(isScopeName)) throw new Error(`${where}: a scope list holds a non-scope`)
  return {
    method: method as Method,
    path,
    operationId,
    tokens: items(tokens) as TokenType[],
    scopes: items(scopes),
    fieldScopes: items(fieldScopes)
  }
}

/** The catalogue looks calls up by method and path and by operationId: neither may name two operations. */
export function assertUnique(operations: readonly Operation[]): void {
  const seen = new Set<string>()
  for (const op of operations) {
    for (const key of [`${op.method} ${op.path}`, op.operationId]) {
      if (seen.has(key)) throw new Error(`two operations are ${key}`)
      seen.add(key)
    }
  }
}
