// 'required-scopes': the scopes the app must hold, as a list of names.
import { isScopeName } from '../feishu/scopes.js'
import { quote } from '../output/text.js'
import { firstRows } from '../output/limits.js'
import { InputError } from './error.js'
import { type Input, namesNothing, withoutUserInfo } from './values.js'

export interface ParsedScopes {
  /** Valid names, de-duplicated, in the order first given. */
  readonly scopes: string[]
  /** Entries that cannot be scope names, as given. */
  readonly invalid: string[]
}

/**
 * Splits on commas, spaces and newlines, so a YAML block scalar works as well as one line; a `#` at the start of a line
 * or after a space or comma starts a comment, to the end of its line (no scope name holds a `#`).
 */
export function parseScopeList(raw: string): ParsedScopes {
  const scopes: string[] = []
  const invalid: string[] = []
  for (const entry of raw.replace(/(^|[\s,])#.*$/gm, '$1').split(/[\s,]+/)) {
    if (entry === '') continue
    if (!isScopeName(entry)) {
      if (!invalid.includes(entry)) invalid.push(entry)
    } else if (!scopes.includes(entry)) {
      scopes.push(entry)
    }
  }
  return { scopes, invalid }
}

/** The scope names of 'required-scopes'; throws an InputError that quotes every entry that cannot be one. */
export function parseRequiredScopes(value: string, input: Pick<Input, 'name' | 'warning'>): string[] {
  if (namesNothing(value, input)) return []
  const { scopes, invalid } = parseScopeList(value)
  if (invalid.length > 0) {
    // Thousands of bad names stay one line of bounded length: the first ones, and a count of the rest.
    const { rows, more } = firstRows(invalid)
    const listed = `${rows.map(entry => quote(withoutUserInfo(entry), 80)).join(', ')}${more > 0 ? ` and ${more} more` : ''}`
    throw new InputError(
      `Input 'required-scopes' has ${invalid.length === 1 ? 'an entry that is not a scope name' : 'entries that are not scope names'}: ` +
        `${listed}. Scope names are lowercase letters, digits and _ . -, ` +
        'in two to four parts separated by colons, e.g. im:message or contact:user.base:readonly; separate them with commas, spaces or newlines.'
    )
  }
  return scopes
}
