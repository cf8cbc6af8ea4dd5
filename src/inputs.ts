import { REGION_NAMES, type Endpoint, type RegionName, endpointFor } from './region.js'
import { parseScopeList } from './scopes.js'
import { UNSAFE_CHARACTERS, quote } from './text.js'

export interface Config {
  readonly appId: string
  readonly appSecret: string
  readonly endpoint: Endpoint
  readonly exportEnv: boolean
  /** Empty: no scope check, no extra request. */
  readonly requiredScopes: string[]
  readonly onMissingScopes: 'fail' | 'warn'
  /** What a configured scope that is not required does: the least-privilege audit. */
  readonly onUnexpectedScopes: 'ignore' | 'warn' | 'fail'
  /** Ask the tenant admin to approve pending scopes when a required one awaits approval. */
  readonly requestApproval: boolean
  readonly timeoutMs: number
  /** One attempt's limit: a stalled connection is dropped and retried. */
  readonly attemptTimeoutMs: number
  readonly maxAttempts: number
}

/** A bad input: the message names the input and says how to fix it. No request has been sent. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

export interface InputSource {
  /** Returns the input's value, trimmed; '' when not set (as @actions/core's getInput). */
  getInput(name: string): string
  setSecret(value: string): void
  warning(message: string): void
}

const APP_ID_SHAPE = /^cli_[a-z0-9]{16}$/i
const EMPTY_SECRET_HINT =
  'Secrets are not passed to workflows triggered from forks or by Dependabot, which is the usual cause of an empty value; ' +
  'otherwise check the secret name in `${{ secrets.NAME }}` and that the secret exists in this repository, environment or organisation.'

/** Inputs that may hold line breaks (and tabs): every other input is one line. */
const MULTI_LINE_INPUTS = new Set(['required-scopes'])
const MULTI_LINE_ALLOWED = /[\t\n\r]/g

/** Reads and validates every input; throws one InputError listing every problem. */
export function readInputs(source: InputSource): Config {
  // Masked before anything else happens, even when the workflow passed it as plain text.
  const appSecret = source.getInput('app-secret')
  if (appSecret !== '') source.setSecret(appSecret)

  const problems: string[] = []
  // A line break or control character in an input could write a workflow command or hide text: refused
  // before anything parses or prints the value, which is then never shown (it may be the secret).
  const getInput = (name: string): string => {
    const value = source.getInput(name)
    const checked = MULTI_LINE_INPUTS.has(name) ? value.replace(MULTI_LINE_ALLOWED, ' ') : value
    if (!UNSAFE_CHARACTERS.test(checked)) return value
    problems.push(
      `Input '${name}' contains a line break, control character or invisible formatting character` +
        `${MULTI_LINE_INPUTS.has(name) ? ' other than line breaks and tabs' : ''}: give it on one line, as plain text.`
    )
    return ''
  }
  const check = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error.message)
      return fallback
    }
  }

  const appId = getInput('app-id')
  if (appSecret !== '') getInput('app-secret')
  if (source.getInput('app-id') === '')
    problems.push(`Input 'app-id' is empty: set it to the App ID of your Feishu/Lark custom app (cli_...). ${EMPTY_SECRET_HINT}`)
  if (appSecret === '')
    problems.push(
      `Input 'app-secret' is empty: pass the App Secret from a secret, e.g. \`app-secret: \${{ secrets.FEISHU_APP_SECRET }}\`. ${EMPTY_SECRET_HINT}`
    )
  if (appId !== '' && !APP_ID_SHAPE.test(appId)) {
    source.warning(
      `Input 'app-id' (${quote(appId, 60)}) does not look like an App ID ('cli_' followed by 16 characters). ` +
        'Trying it anyway: Feishu has the final word.'
    )
  }

  const region = check(() => parseRegion(getInput('region')), 'feishu')
  const baseUrl = check(() => parseBaseUrl(getInput('base-url')), undefined)
  const exportEnv = check(() => parseBoolean('export-env', getInput('export-env'), false), false)
  const requiredScopes = check(() => parseRequiredScopes(getInput('required-scopes')), [])
  const onMissingScopes = check(() => parseOnMissing(getInput('on-missing-scopes')), 'fail')
  const onUnexpectedScopes = check(() => parseOnUnexpected(getInput('on-unexpected-scopes')), 'ignore')
  const requestApproval = check(() => parseBoolean('request-approval', getInput('request-approval'), false), false)
  // Both compare against required-scopes: without it they could only do nothing, silently.
  const noScopes =
    "but 'required-scopes' is empty, so there is nothing to compare with: list every scope the app should hold in 'required-scopes'"
  if (requiredScopes.length === 0 && !problems.some(p => p.startsWith("Input 'required-scopes'"))) {
    if (onUnexpectedScopes !== 'ignore')
      problems.push(`Input 'on-unexpected-scopes' is '${onUnexpectedScopes}', ${noScopes}, or leave 'on-unexpected-scopes' at 'ignore'.`)
    if (requestApproval) problems.push(`Input 'request-approval' is 'true', ${noScopes}, or leave 'request-approval' at 'false'.`)
  }
  const timeoutSeconds = check(() => parseNumber('timeout-seconds', getInput('timeout-seconds'), 60, { min: 0.1, max: 3600 }), 60)
  const attemptTimeoutSeconds = check(
    () => parseNumber('attempt-timeout-seconds', getInput('attempt-timeout-seconds'), 10, { min: 1, max: 600 }),
    10
  )
  const maxAttempts = check(() => parseNumber('max-attempts', getInput('max-attempts'), 4, { min: 1, max: 20, integer: true }), 4)

  if (problems.length > 0) throw new InputError(problems.join('\n'))
  return {
    appId,
    appSecret,
    endpoint: endpointFor(region, baseUrl),
    exportEnv,
    requiredScopes,
    onMissingScopes,
    onUnexpectedScopes,
    requestApproval,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    attemptTimeoutMs: Math.round(attemptTimeoutSeconds * 1000),
    maxAttempts
  }
}

export function parseRegion(value: string): RegionName {
  if (value === '') return 'feishu'
  const name = value.toLowerCase()
  if ((REGION_NAMES as string[]).includes(name)) return name as RegionName
  throw new InputError(
    `Input 'region' is ${quote(value, 60)}: use 'feishu' (open.feishu.cn, China) or 'lark' (open.larksuite.com, international), ` +
      "or set 'base-url' for a private deployment."
  )
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i

/** An origin such as https://open.feishu.cn, or undefined when the input is empty. */
export function parseBaseUrl(value: string): string | undefined {
  if (value === '') return undefined
  const fail = (why: string): never => {
    throw new InputError(`Input 'base-url' (${quote(withoutCredentials(value), 100)}) ${why}. Example: 'https://open.feishu.cn'.`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail('is not an absolute URL')
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
    fail('uses plain http://, which is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1): use https://')
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('must start with https://')
  }
  if (url.username !== '' || url.password !== '') fail('must not contain credentials')
  if (url.search !== '' || value.includes('?')) fail('must not have a query string')
  if (url.hash !== '' || value.includes('#')) fail('must not have a fragment')
  if (url.pathname !== '/') fail('must have no path: give only the scheme and host (and port), the action adds /open-apis/...')
  return url.origin
}

/**
 * The URL with everything up to its last '@' after the scheme replaced: the parser takes credentials in
 * forms such as `https:user:pw@host`, `https:/user:pw@host` and with backslashes, not only after `//`.
 */
export function withoutCredentials(value: string): string {
  return value.replace(/^(https?:[\\/]*)?[\s\S]*@/i, '$1***@')
}

export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${name}' is ${quote(value, 60)}: use 'true' or 'false'.`)
}

export function parseRequiredScopes(value: string): string[] {
  const { scopes, invalid } = parseScopeList(value)
  if (invalid.length > 0) {
    throw new InputError(
      `Input 'required-scopes' has ${invalid.length === 1 ? 'an entry that is not a scope name' : 'entries that are not scope names'}: ` +
        `${invalid.map(entry => quote(entry, 80)).join(', ')}. Scope names are lowercase letters, digits and _ . -, ` +
        'in two to four parts separated by colons, e.g. im:message or contact:user.base:readonly; separate them with commas, spaces or newlines.'
    )
  }
  return scopes
}

export function parseOnMissing(value: string): 'fail' | 'warn' {
  const normalised = value === '' ? 'fail' : value.toLowerCase()
  if (normalised === 'fail' || normalised === 'warn') return normalised
  throw new InputError(
    `Input 'on-missing-scopes' is ${quote(value, 60)}: use 'fail' (the step fails) or 'warn' (a warning, the step passes).`
  )
}

export function parseOnUnexpected(value: string): 'ignore' | 'warn' | 'fail' {
  const normalised = value === '' ? 'ignore' : value.toLowerCase()
  if (normalised === 'ignore' || normalised === 'warn' || normalised === 'fail') return normalised
  throw new InputError(
    `Input 'on-unexpected-scopes' is ${quote(value, 60)}: use 'ignore' (no audit), 'warn' (a warning, the step passes) or 'fail' (the step fails).`
  )
}

export function parseNumber(
  name: string,
  value: string,
  fallback: number,
  limits: { min: number; max: number; integer?: boolean }
): number {
  if (value === '') return fallback
  const number = Number(value)
  const kind = limits.integer ? 'a whole number' : 'a number'
  if (
    !/^\d+(\.\d+)?$/.test(value) ||
    !Number.isFinite(number) ||
    (limits.integer && !Number.isInteger(number)) ||
    number < limits.min ||
    number > limits.max
  ) {
    throw new InputError(`Input '${name}' is ${quote(value, 60)}: use ${kind} from ${limits.min} to ${limits.max} (default ${fallback}).`)
  }
  return number
}
