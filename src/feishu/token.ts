// What a tenant token is: the one rule, used both to decide what to mask the moment an answer is parsed and to refuse
// an answer whose token cannot be used (docs/feishu.md, "Tenant token").

/** JWT tokens from newer endpoints pass 4 KB; far more than this is not a token. */
export const MAX_TOKEN_CHARS = 32 * 1024
/**
 * Tenant tokens are dozens of characters (`t-` and 40 more; JWTs far longer). A shorter value is no token, and
 * masking it would star out that string in every later line of the job (a token of `e` hides every e).
 */
export const MIN_TOKEN_CHARS = 16
/** Tenant tokens live 2 hours; a private deployment may differ, but not by years. */
export const MAX_EXPIRE_SECONDS = 30 * 24 * 3600
/** A Bearer token (RFC 6750's b64token): nothing a shell, a URL or a header would read as anything but text. */
const TOKEN_SHAPE = /^[A-Za-z0-9\-._~+/]+=*$/

/** Why `value` (the answer's `tenant_access_token`) cannot be a token, or undefined when it is one. */
export function tokenProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return "'tenant_access_token' is missing or not a string"
  if (value.length > MAX_TOKEN_CHARS)
    return `'tenant_access_token' is ${value.length} characters long, more than a token can be (${MAX_TOKEN_CHARS})`
  if (!TOKEN_SHAPE.test(value))
    return "'tenant_access_token' has characters a token cannot have (a Bearer token holds only letters, digits, - . _ ~ + / and a trailing =)"
  if (value.length < MIN_TOKEN_CHARS)
    return `'tenant_access_token' is ${value.length} ${value.length === 1 ? 'character' : 'characters'} long, fewer than any token has (${MIN_TOKEN_CHARS})`
  return undefined
}

/** Why `value` (the answer's `expire`, seconds) cannot be a token's lifetime, or undefined. */
export function expireProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    return "'expire' is missing or not a positive whole number of seconds"
  if (value > MAX_EXPIRE_SECONDS) return `'expire' is ${value} seconds, more than the 30 days any token lives`
  return undefined
}
