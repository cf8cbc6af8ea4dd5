// Every input of action.yml, in its order: its default and how it is read; and the Config a run gets from them. A new
// input is one row here and its field in Config (CONTRIBUTING.md, "A new input").
import type { Endpoint, RegionName } from '../feishu/region.js'
import type { Resource } from '../feishu/kinds.js'
import { quote } from '../output/text.js'
import { parseBaseUrl } from './base-url.js'
import { type RequiredCall, parseCalls } from './calls.js'
import { InputError } from './error.js'
import { parseAccess } from './resources.js'
import { parseRequiredScopes } from './scopes.js'
import { type Input, choice, number, parseBoolean } from './values.js'

export interface Config {
  readonly appId: string
  readonly appSecret: string
  readonly endpoint: Endpoint
  readonly exportEnv: boolean
  /** Empty: no scope check, no extra request (unless calls are required). */
  readonly requiredScopes: string[]
  /** The calls the automation makes, each resolved in the catalogue. Empty: none checked. */
  readonly requiredCalls: RequiredCall[]
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

export interface InputRow<T> {
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

function parseAppId(value: string, input: Input): string {
  if (value === '') {
    throw new InputError(
      `Input 'app-id' is empty: set it to the App ID of your Feishu/Lark custom app (cli_...), e.g. \`app-id: \${{ vars.FEISHU_APP_ID }}\`. ${emptyHint('variable', input)}`
    )
  }
  if (!APP_ID_SHAPE.test(value)) {
    input.warning(
      `Input 'app-id' (${quote(value, 60)}) does not look like an App ID ('cli_' followed by 16 characters). ` +
        'Trying it anyway: Feishu has the final word.'
    )
  }
  return value
}

function parseAppSecret(value: string, input: Input): string {
  if (value === '') {
    throw new InputError(
      `Input 'app-secret' is empty: pass the App Secret from a secret, e.g. \`app-secret: \${{ secrets.FEISHU_APP_SECRET }}\`. ${emptyHint('secret', input)}`
    )
  }
  return value
}

function parseRegion(value: string, input: Input): RegionName {
  return choice<RegionName>(
    { feishu: 'open.feishu.cn, China', lark: 'open.larksuite.com, international' },
    // 'base-url' takes the place of 'region' for requests: say what applies, not "set base-url".
    input.given('base-url') === ''
      ? ", or set 'base-url' for a private deployment"
      : ". 'base-url' is set and is where requests go, so 'region' may also be left out"
  )(value, input)
}

/** Every input of action.yml, in its order: the default and how it is read. A new input is one row here. */
export const INPUTS = {
  'app-id': row('', parseAppId),
  'app-secret': row('', parseAppSecret),
  region: row('feishu', parseRegion),
  'base-url': row('', parseBaseUrl),
  'export-env': row('false', parseBoolean),
  'required-scopes': row('', parseRequiredScopes, { lines: true }),
  'required-calls': row('', parseCalls, { lines: true }),
  'on-missing-scopes': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
  'on-unexpected-scopes': row('ignore', choice({ ignore: 'no audit', warn: 'a warning, the step passes', fail: 'the step fails' })),
  'request-approval': row('false', parseBoolean),
  'check-bot': row('false', parseBoolean),
  'required-access': row('', parseAccess, { lines: true }),
  'on-missing-access': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
  'on-nothing-to-check': row(
    'ignore',
    choice({ ignore: 'a token is all that is asked', warn: 'a warning, the step passes', fail: 'the step fails, with no request sent' })
  ),
  'timeout-seconds': row('60', number({ min: 0.1, max: 3600 })),
  'attempt-timeout-seconds': row('10', number({ min: 1, max: 600 })),
  'max-attempts': row('4', number({ min: 1, max: 20, integer: true }))
} satisfies Record<string, InputRow<unknown>>

export type InputName = keyof typeof INPUTS
/** Every input, read. */
export type Parsed = { [N in InputName]: ReturnType<(typeof INPUTS)[N]['parse']> }

/** The run's settings from the inputs, read and checked together. */
export function toConfig(inputs: Parsed, endpoint: Endpoint): Config {
  return {
    appId: inputs['app-id'],
    appSecret: inputs['app-secret'],
    endpoint,
    exportEnv: inputs['export-env'],
    requiredScopes: inputs['required-scopes'],
    requiredCalls: inputs['required-calls'],
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
