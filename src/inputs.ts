import { SHOWN_ROWS, firstRows } from './limits.js'
import { type Endpoint, REGIONS, REGION_NAMES, type RegionName, endpointFor } from './region.js'
import { type Resource, parseRequiredAccess } from './resources.js'
import { parseScopeList } from './scopes.js'
import { firstHidden, quote, reveal } from './text.js'

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
  /** Read the app's state in the tenant and its bot (bot/v3/info), and fail unless the app is enabled. */
  readonly checkBot: boolean
  /** The resources the app must reach. Empty: no check, no extra request. */
  readonly requiredAccess: Resource[]
  readonly onMissingAccess: 'fail' | 'warn'
  /** The whole step's time budget, retries included. */
  readonly timeoutMs: number
  /** One attempt's limit: a stalled connection is dropped and retried. */
  readonly attemptTimeoutMs: number
  readonly maxAttempts: number
}

/** What the inputs that could be read say, for a job summary that shows what is known. */
export interface KnownInputs {
  readonly endpoint?: Endpoint
  readonly appId?: string
}

/** A bad input: the message names the input and says how to fix it. No request has been sent. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    message: string,
    readonly known: KnownInputs = {}
  ) {
    super(message)
  }
}

export interface InputSource {
  /** Returns the input's value, trimmed; '' when not set (as @actions/core's getInput). */
  getInput(name: string): string
  setSecret(value: string): void
  warning(message: string): void
  /** Running on a GitHub Actions runner (GITHUB_ACTIONS is 'true'), not locally: what an empty input likely means. */
  readonly onRunner: boolean
}

/** What a parser knows of the input it reads. */
interface Input {
  readonly name: string
  /** action.yml's default, for the words of an error. */
  readonly default: string
  readonly warning: (message: string) => void
  /** Another input's value as given ('' when not given), for words that depend on it. */
  readonly given: (name: string) => string
  readonly onRunner: boolean
}

interface InputRow<T> {
  /** action.yml's default (a test holds the two equal): what an input that is not given means. */
  readonly default: string
  /** The input may hold line breaks and tabs (a YAML block scalar). */
  readonly lines?: true
  /** Reads the value (the default when not given); throws an InputError that names the input. */
  readonly parse: (value: string, input: Input) => T
}

const row = <T>(fallback: string, parse: (value: string, input: Input) => T, options: { lines?: true } = {}): InputRow<T> => ({
  default: fallback,
  parse,
  ...options
})

/** Why a credential arrived empty, most likely cause first, where the action runs. */
function emptyHint(from: 'secret' | 'variable', { onRunner }: Input): string {
  if (!onRunner) {
    return 'Outside GitHub Actions, inputs come from the environment: set it as INPUT_<NAME> (npm run local-action reads them from .env).'
  }
  const where = 'exists in this repository, its environment or its organisation, under exactly that name'
  return from === 'secret'
    ? `Secrets are not passed to workflows triggered from forks or by Dependabot, which is the usual cause of an empty value; otherwise check that the secret in \`\${{ secrets.NAME }}\` ${where}.`
    : `Check that the variable in \`\${{ vars.NAME }}\` (or the secret, if you keep the App ID in one) ${where}; secrets are not passed to workflows triggered from forks or by Dependabot.`
}
const APP_ID_SHAPE = /^cli_[a-z0-9]{16}$/i
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i

/** Every input of action.yml, in its order: the default and how it is read. A new input is one row here. */
export const INPUTS = {
  'app-id': row('', (value, input) => {
    if (value === '') {
      throw new InputError(
        `Input 'app-id' is empty: set it to the App ID of your Feishu/Lark custom app (cli_...), e.g. \`app-id: \${{ vars.FEISHU_APP_ID }}\`. ${emptyHint('variable', input)}`
      )
    }
    const { warning } = input
    if (!APP_ID_SHAPE.test(value)) {
      warning(
        `Input 'app-id' (${quote(value, 60)}) does not look like an App ID ('cli_' followed by 16 characters). ` +
          'Trying it anyway: Feishu has the final word.'
      )
    }
    return value
  }),
  'app-secret': row('', (value, input) => {
    if (value === '') {
      throw new InputError(
        `Input 'app-secret' is empty: pass the App Secret from a secret, e.g. \`app-secret: \${{ secrets.FEISHU_APP_SECRET }}\`. ${emptyHint('secret', input)}`
      )
    }
    return value
  }),
  region: row('feishu', (value, input) =>
    choice<RegionName>(
      { feishu: 'open.feishu.cn, China', lark: 'open.larksuite.com, international' },
      // 'base-url' takes the place of 'region' for requests: say what applies, not "set base-url".
      input.given('base-url') === ''
        ? ", or set 'base-url' for a private deployment"
        : ". 'base-url' is set and is where requests go, so 'region' may also be left out"
    )(value, input)
  ),
  'base-url': row('', parseBaseUrl),
  'export-env': row('false', parseBoolean),
  'required-scopes': row('', parseRequiredScopes, { lines: true }),
  'on-missing-scopes': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
  'on-unexpected-scopes': row('ignore', choice({ ignore: 'no audit', warn: 'a warning, the step passes', fail: 'the step fails' })),
  'request-approval': row('false', parseBoolean),
  'check-bot': row('false', parseBoolean),
  'required-access': row('', parseAccess, { lines: true }),
  'on-missing-access': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
  'timeout-seconds': row('60', number({ min: 0.1, max: 3600 })),
  'attempt-timeout-seconds': row('10', number({ min: 1, max: 600 })),
  'max-attempts': row('4', number({ min: 1, max: 20, integer: true }))
} satisfies Record<string, InputRow<unknown>>

type InputName = keyof typeof INPUTS
type Parsed = { [N in InputName]: ReturnType<(typeof INPUTS)[N]['parse']> }

/** Reads and validates every input; throws one InputError listing every problem, with what could be read. */
export function readInputs(source: InputSource): Config {
  // Masked before anything else happens, even when the workflow passed it as plain text.
  const appSecret = source.getInput('app-secret')
  if (appSecret !== '') source.setSecret(appSecret)

  const problems: string[] = []
  const failed = new Set<InputName>()
  const parsed: Partial<Record<InputName, unknown>> = {}
  // `with: app_id:` (Feishu's own spelling) reaches the action as another input, and the hyphenated one keeps its
  // default: say so, rather than blame an empty value on forks or go on without what the workflow meant.
  for (const name of (Object.keys(INPUTS) as InputName[]).filter(name => name.includes('-'))) {
    const underscored = name.replace(/-/g, '_')
    if (source.getInput(underscored) !== '') {
      problems.push(`You passed '${underscored}'; this action's input is '${name}', with a hyphen: rename it under the step's 'with:'.`)
      failed.add(name)
    }
  }
  for (const [name, spec] of Object.entries(INPUTS) as Array<[InputName, InputRow<unknown>]>) {
    if (failed.has(name)) continue
    const before = problems.length
    let value = source.getInput(name)
    // A line break or control character in an input could write a workflow command or hide text: refused
    // before anything parses or prints the value. Only the character is shown, as an escape, and never for the
    // secret: not even a character of it.
    if (!spec.lines) {
      const hidden = firstHidden(value)
      if (hidden) {
        const shown = name === 'app-secret' ? '' : ` (${reveal(hidden.char)})`
        problems.push(
          `Input '${name}' contains a line break, control character or invisible formatting character${shown}: give it on one line, as plain text.`
        )
        failed.add(name)
        continue
      }
    } else {
      // A list (never a secret): each line that hides something is named and quoted, escaped, and the other lines
      // are still read, so that every problem is said at once.
      const lines = value.split('\n')
      for (const [index, line] of lines.entries()) {
        const hidden = firstHidden(line.replace(/[\t\r]/g, ' '))
        if (!hidden) continue
        problems.push(
          `Input '${name}', line ${index + 1} (${quote(line.trim(), 120)}), contains an invisible or control character (${reveal(hidden.char)}), ` +
            'which text copied from a browser or a chat often carries: delete it, or type the line again.'
        )
        failed.add(name)
        lines[index] = ''
      }
      value = lines.join('\n')
    }
    try {
      parsed[name] = spec.parse(value === '' && !failed.has(name) ? spec.default : value, {
        name,
        default: spec.default,
        warning: source.warning,
        given: other => source.getInput(other),
        onRunner: source.onRunner
      })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error.message)
      failed.add(name)
    }
    // A list can hold thousands of bad lines: what is said of one stays within what an annotation and the job
    // summary hold, and leaves room for the other inputs' problems.
    if (spec.lines && problems.length > before) {
      const { rows, more } = firstRows(problems.splice(before).join('\n').split('\n'))
      problems.push(...rows, ...(more > 0 ? [`Input '${name}': ${more} more lines like these, not shown (at most ${SHOWN_ROWS}).`] : []))
    }
  }
  const inputs = parsed as Parsed

  // Both compare against required-scopes: without it they could only do nothing, silently.
  if (!failed.has('required-scopes') && inputs['required-scopes'].length === 0) {
    const noScopes =
      "but 'required-scopes' is empty, so there is nothing to compare with: list every scope the app should hold in 'required-scopes'"
    const audit = inputs['on-unexpected-scopes']
    if (!failed.has('on-unexpected-scopes') && audit !== 'ignore')
      problems.push(`Input 'on-unexpected-scopes' is '${audit}', ${noScopes}, or leave 'on-unexpected-scopes' at 'ignore'.`)
    if (!failed.has('request-approval') && inputs['request-approval'])
      problems.push(`Input 'request-approval' is 'true', ${noScopes}, or leave 'request-approval' at 'false'.`)
  }
  // Likewise: a warning about resources that are never checked could only stay silent.
  if (!failed.has('required-access') && inputs['required-access'].length === 0 && inputs['on-missing-access'] === 'warn') {
    problems.push(
      "Input 'on-missing-access' is 'warn', but 'required-access' names no resource, so there is nothing to check: list the resources " +
        "the app must reach in 'required-access', or leave 'on-missing-access' at 'fail'."
    )
  }
  const endpoint = failed.has('region') || failed.has('base-url') ? undefined : endpointFor(inputs.region, inputs['base-url'])
  if (problems.length > 0) {
    throw new InputError(problems.join('\n'), {
      ...(endpoint && { endpoint }),
      ...(!failed.has('app-id') && { appId: inputs['app-id'] })
    })
  }

  return {
    appId: inputs['app-id'],
    appSecret: inputs['app-secret'],
    endpoint: endpoint!,
    exportEnv: inputs['export-env'],
    requiredScopes: inputs['required-scopes'],
    onMissingScopes: inputs['on-missing-scopes'],
    onUnexpectedScopes: inputs['on-unexpected-scopes'],
    requestApproval: inputs['request-approval'],
    checkBot: inputs['check-bot'],
    requiredAccess: inputs['required-access'],
    onMissingAccess: inputs['on-missing-access'],
    timeoutMs: Math.round(inputs['timeout-seconds'] * 1000),
    attemptTimeoutMs: Math.round(inputs['attempt-timeout-seconds'] * 1000),
    maxAttempts: inputs['max-attempts']
  }
}

/** One of a few words, any case: each with what it means, for the error. */
function choice<T extends string>(options: Readonly<Record<T, string>>, more = '') {
  const names = Object.keys(options) as T[]
  return (value: string, { name }: Input): T => {
    const normalised = value.toLowerCase()
    if ((names as string[]).includes(normalised)) return normalised as T
    const listed = names.map(option => `'${option}' (${options[option]})`)
    throw new InputError(`Input '${name}' is ${quote(value, 60)}: use ${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}${more}.`)
  }
}

/** An origin such as https://open.feishu.cn, or undefined when the input is empty. */
export function parseBaseUrl(value: string): string | undefined {
  if (value === '') return undefined
  const fail = (why: string): never => {
    throw new InputError(`Input 'base-url' (${quote(withoutCredentials(value), 100)}) ${why}. Example: '${REGIONS.feishu.baseUrl}'.`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    const port = /^[a-z]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1]
    return fail(port !== undefined && Number(port) > 65535 ? `has the port ${port}, out of range (1-65535)` : 'is not an absolute URL')
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
    fail('uses plain http://, which is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1): use https://')
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('must start with https://')
  }
  if (url.username !== '' || url.password !== '') fail('must not contain credentials')
  // An empty query or fragment ('?', '#') leaves url.search and url.hash empty: the text itself is what counts.
  if (value.includes('?')) fail('must not have a query string')
  if (value.includes('#')) fail('must not have a fragment')
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

function parseBoolean(value: string, { name }: Input): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${name}' is ${quote(value, 60)}: use 'true' or 'false'.`)
}

function parseRequiredScopes(value: string): string[] {
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

/** A link says which region it belongs to: one of the other region cannot be reached with this app. */
function parseAccess(value: string, input: Input): Resource[] {
  const { region, baseUrl } = regionOf(input)
  const { resources, problems } = parseRequiredAccess(value, region, baseUrl)
  if (problems.length > 0) throw new InputError(problems.join('\n'))
  return resources
}

/**
 * The region requests go to, as 'region' and 'base-url' give it, and the 'base-url' it comes from when that is given;
 * no region for a custom base URL, or either one bad.
 */
function regionOf({ given }: Input): { region?: RegionName; baseUrl?: string } {
  if (given('base-url') !== '') {
    try {
      const baseUrl = parseBaseUrl(given('base-url'))
      const { region } = endpointFor('feishu', baseUrl)
      return region ? { region, baseUrl } : {}
    } catch {
      return {}
    }
  }
  const region = (given('region') || 'feishu').toLowerCase()
  return (REGION_NAMES as string[]).includes(region) ? { region: region as RegionName } : {}
}

function number(limits: { min: number; max: number; integer?: boolean }) {
  return (value: string, input: Input): number => {
    const parsed = Number(value)
    if (
      !/^\d+(\.\d+)?$/.test(value) ||
      !Number.isFinite(parsed) ||
      (limits.integer && !Number.isInteger(parsed)) ||
      parsed < limits.min ||
      parsed > limits.max
    ) {
      throw new InputError(
        `Input '${input.name}' is ${quote(value, 60)}: use ${limits.integer ? 'a whole number' : 'a number'} from ${limits.min} to ${limits.max} (default ${input.default}).`
      )
    }
    return parsed
  }
}
