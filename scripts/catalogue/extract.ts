// The extract stage: the source's OpenAPI files (openapi/*.yaml of dayongxie/lark-openapi-spec) to the TSV record.
// Only four facts per operation are taken: operationId, x-lark-access-tokens, x-lark-scopes, x-lark-field-scopes
// (their meaning: docs/feishu.md, "The API catalogue", and the source's README, "x-lark-* extension fields").
import { parse } from 'yaml'
import { METHODS, type Method, type Source, TOKEN_TYPES, type TokenType } from '../../src/catalogue/catalogue.js'
import { isScopeName } from '../../src/feishu/scopes.js'
import { assertUnique, byText, formatOperations, type Operation } from './operations.js'

export interface SpecFile {
  /** The file's name, e.g. `im.yaml`, for error messages. */
  readonly name: string
  readonly text: string
}

/**
 * Takes the text of every openapi/*.yaml file and the snapshot they come from, gives catalogue/operations.tsv.
 * Throws an Error naming the file and operation when the format is not the one this stage knows (a method other
 * than the five, an operation without operationId, a list that is not a list of names, an unknown token type), or
 * when two operations share a method and path or an operationId: the refresh stops for a person to look.
 */
export function extract(files: readonly SpecFile[], source: Source): string {
  const operations = [...files].sort((a, b) => byText(a.name, b.name)).flatMap(operationsOf)
  assertUnique(operations)
  return formatOperations({ source, operations })
}

/** Path items also hold `parameters`, `summary`, `description`, `servers`: not operations. */
const NOT_OPERATIONS = new Set(['parameters', 'summary', 'description', 'servers', '$ref'])

function operationsOf(file: SpecFile): Operation[] {
  const doc = parse(file.text) as { paths?: Record<string, Record<string, Record<string, unknown>>> }
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [key, op] of Object.entries(item)) {
      if (NOT_OPERATIONS.has(key)) continue
      const where = `${file.name}: ${key} ${path}`
      const method = key.toUpperCase() as Method
      if (!METHODS.includes(method)) throw new Error(`${where}: a method this stage does not know`)
      if (typeof op.operationId !== 'string') throw new Error(`${where}: no operationId`)
      const tokens = names(op['x-lark-access-tokens'], `${where}: x-lark-access-tokens`, isTokenType)
      const scopes = names(op['x-lark-scopes'], `${where}: x-lark-scopes`, isScopeName)
      const fieldScopes = names(op['x-lark-field-scopes'], `${where}: x-lark-field-scopes`, isScopeName)
      operations.push({ method, path, operationId: op.operationId, tokens: tokens as TokenType[], scopes, fieldScopes })
    }
  }
  return operations
}

const isTokenType = (value: string) => TOKEN_TYPES.includes(value as TokenType)

/** An absent list is an empty one: the source leaves the key out when there is nothing to list. */
function names(value: unknown, where: string, valid: (item: string) => boolean): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(item => typeof item === 'string' && valid(item))) {
    throw new Error(`${where} is not a list of known names: ${JSON.stringify(value)}`)
  }
  return [...new Set(value as string[])]
}
