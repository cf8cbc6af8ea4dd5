// The API catalogue: every call Feishu's API Explorer describes, the token types it accepts and, for the calls that
// accept a tenant token, the scopes that allow it (any one is enough). Derived from dayongxie/lark-openapi-spec
// (catalogue/README.md); this module is its runtime form and the file that holds it, src/catalogue/catalogue.json.

export const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const
export type Method = (typeof METHODS)[number]

/** The token types a call can accept, as the source names them (`x-lark-access-tokens`). */
export const TOKEN_TYPES = ['app', 'tenant', 'user'] as const
export type TokenType = (typeof TOKEN_TYPES)[number]

/** The snapshot the catalogue was derived from. */
export interface Source {
  readonly repository: string
  readonly commit: string
  /** The commit's date, ISO 8601 in UTC. */
  readonly date: string
}

interface CallBase {
  readonly method: Method
  /** The documented template, parameters as `{name}`, e.g. /open-apis/im/v1/chats/{chat_id}/members. */
  readonly path: string
  /** e.g. `im_message_create`: project, resource and method joined by `_` (docs/feishu.md, "The API catalogue"). */
  readonly operationId: string
}

/** A call that accepts a tenant token. */
export interface TenantCall extends CallBase {
  readonly tenant: true
  /** The scopes that allow it, any one, sorted; empty when it needs none. Not split by identity. */
  readonly scopes: readonly string[]
}

/** A call that does not accept a tenant token: user-only, app-only, or no token at all (the token calls). */
export interface OtherCall extends CallBase {
  readonly tenant: false
  /** The token types it accepts, sorted: `user`, `app`, or none. */
  readonly tokens: readonly Exclude<TokenType, 'tenant'>[]
}

export type Call = TenantCall | OtherCall

export interface Catalogue {
  readonly source: Source
  /** Sorted by path, then method. */
  readonly tenantCalls: readonly TenantCall[]
  /** Sorted by path, then method. */
  readonly otherCalls: readonly OtherCall[]
  /** Every scope name the source mentions (call scopes and field scopes, every token type), sorted. */
  readonly scopeNames: readonly string[]
}

/** The file's layout, described in the file itself for whoever opens it. */
const FORMAT =
  "tenant: 'METHOD path operationId scopes', the scopes as indices into scopes, comma-separated; " +
  "other: 'METHOD path operationId tokens', comma-separated; '-' for none; scopes: every scope name the source mentions, sorted"

interface CatalogueFile {
  source: Source
  format: string
  scopes: string[]
  tenant: string[]
  other: string[]
}

const list = (items: readonly (string | number)[]) => (items.length === 0 ? '-' : items.join(','))

/**
 * Takes a catalogue, gives the text of catalogue.json: one string per call (space-separated fields) and scopes as
 * indices, which keeps the file small and quick to parse, laid out as Biome formats JSON so that `biome ci`
 * accepts the generated file as it is.
 */
export function encodeCatalogue(catalogue: Catalogue): string {
  const index = new Map(catalogue.scopeNames.map((name, i) => [name, i]))
  const { repository, commit, date } = catalogue.source
  const file: CatalogueFile = {
    source: { repository, commit, date },
    format: FORMAT,
    scopes: [...catalogue.scopeNames],
    tenant: catalogue.tenantCalls.map(
      call => `${call.method} ${call.path} ${call.operationId} ${list(call.scopes.map(s => index.get(s)!))}`
    ),
    other: catalogue.otherCalls.map(call => `${call.method} ${call.path} ${call.operationId} ${list(call.tokens)}`)
  }
  const entries = Object.entries(file)
  return `{\n${entries.map(([key, value], i) => printEntry(key, value, i === entries.length - 1)).join(',\n')}\n}\n`
}

const LINE_WIDTH = 140

/** Biome's layout: an object expanded, as written; an array on one line when that line fits, else one item a line. */
function printEntry(key: string, value: unknown, last: boolean): string {
  const name = `  ${JSON.stringify(key)}: `
  if (!Array.isArray(value)) return name + JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')
  const flat = `${name}[${value.map(item => JSON.stringify(item)).join(', ')}]`
  if (flat.length + (last ? 0 : 1) <= LINE_WIDTH) return flat
  return `${name}[\n${value.map(item => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`
}

/**
 * Takes the text of catalogue.json, gives the catalogue. Throws an Error naming the first entry that does not
 * follow the format (a hand-edited or truncated file), so a broken file cannot pass for a catalogue.
 */
export function decodeCatalogue(text: string): Catalogue {
  const { source, scopes, tenant, other } = JSON.parse(text) as Partial<CatalogueFile>
  if (!source || !Array.isArray(scopes) || !Array.isArray(tenant) || !Array.isArray(other))
    throw new Error('catalogue.json: not a catalogue')
  // Plain loops, indexing, and no string built per line unless it is wrong: this runs once, cold, in the
  // interpreter, where closures, destructuring and template strings cost (measured: 27 ms of CPU with them, 7 without).
  const tenantCalls: TenantCall[] = []
  for (let i = 0; i < tenant.length; i++) {
    const parts = fields(tenant[i], 'tenant', i)
    const names = parts[3] === '-' ? [] : parts[3]!.split(',')
    for (let j = 0; j < names.length; j++) {
      const name = scopes[+names[j]!]
      if (typeof name !== 'string') throw new Error(`catalogue.json: tenant[${i}] names a scope that is not in scopes`)
      names[j] = name
    }
    tenantCalls.push({ tenant: true, method: parts[0] as Method, path: parts[1]!, operationId: parts[2]!, scopes: names })
  }
  const otherCalls: OtherCall[] = []
  for (let i = 0; i < other.length; i++) {
    const parts = fields(other[i], 'other', i)
    const tokens = parts[3] === '-' ? [] : parts[3]!.split(',')
    if (!tokens.every(type => type === 'user' || type === 'app'))
      throw new Error(`catalogue.json: other[${i}] has a token type it cannot have`)
    otherCalls.push({
      tenant: false,
      method: parts[0] as Method,
      path: parts[1]!,
      operationId: parts[2]!,
      tokens: tokens as OtherCall['tokens']
    })
  }
  return {
    source: { repository: source.repository, commit: source.commit, date: source.date },
    tenantCalls,
    otherCalls,
    scopeNames: scopes
  }
}

const KNOWN_METHODS: ReadonlySet<string> = new Set(METHODS)

/** A line's four space-separated fields, checked: a method, a path, an operationId, a list. */
function fields(line: unknown, kind: string, i: number): string[] {
  const parts = typeof line === 'string' ? line.split(' ') : []
  if (parts.length !== 4 || !KNOWN_METHODS.has(parts[0]!) || !parts[1]!.startsWith('/open-apis/') || parts[2] === '') {
    throw new Error(`catalogue.json: ${kind}[${i}] is not 'METHOD path operationId list'`)
  }
  return parts
}
