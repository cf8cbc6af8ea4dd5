// Feishu/Lark Open Platform codes: what each means, what to do, whether a retry can help, and how loud to be when
// a call's failure is only reported. A new code is one row here. The codes themselves: docs/feishu.md.
import { type CallContext, type Context, SENT_ONCE } from './failure.js'
import { type Endpoint, REGIONS, REGION_NAMES, appConsoleUrl, otherRegion } from './region.js'

export interface CodeRow {
  readonly code: number
  /** Some codes mean different things depending on msg (10014). */
  readonly msg?: RegExp
  readonly meaning: string | ((c: CallContext) => string)
  readonly fix: string | ((c: CallContext) => string)
  /**
   * `never`: no retry can fix it, whatever the HTTP status (wrong credentials fail at once); `always`: worth another
   * attempt whatever the status (rate limits). Otherwise the status decides: 429 and 5xx are retried.
   */
  readonly retry?: 'never' | 'always'
  /** How a failure of a call whose answer is only reported (the approval request) is logged; a warning otherwise. */
  readonly level?: 'info'
}

/** "Feishu (open.feishu.cn)", or "the server at feishu.example.com" for a custom base URL. */
export const serverName = (endpoint: Endpoint): string => {
  const host = new URL(endpoint.baseUrl).host
  return endpoint.region ? `${REGIONS[endpoint.region].label} (${host})` : `the server at ${host}`
}

const otherRegionHint = (endpoint: Endpoint): string => {
  if (!endpoint.region) {
    // A custom base URL says nothing of the app's region: name both.
    const both = REGION_NAMES.map(name => `a ${REGIONS[name].label} app \`region: ${name}\` (${REGIONS[name].baseUrl})`).join(', ')
    return `Apps and tokens do not cross regions: check that 'base-url' serves the region the app was created in, or drop 'base-url' and set ${both}.`
  }
  const other = otherRegion(endpoint.region)
  return `Apps and tokens do not cross regions: if the app was created on ${other.label}, set \`region: ${other.name}\` (${other.baseUrl}).`
}

const credentials = (c: Context): string =>
  `Copy the App ID and App Secret from the app's "Credentials & Basic Info" page (${appConsoleUrl(c.endpoint, c.appId)})`

const disabledOrNotInstalled: Omit<CodeRow, 'code'> = {
  meaning: 'the app is disabled, or not installed in this tenant',
  fix: c =>
    `Enable the app and publish a version in the developer console (${appConsoleUrl(c.endpoint, c.appId)}), then have the tenant admin approve it.`
}

export const CODES: readonly CodeRow[] = [
  {
    code: 10003,
    meaning: 'the App ID is missing, malformed or unknown',
    fix: c => `${credentials(c)} and check 'app-id'.`,
    retry: 'never'
  },
  {
    code: 10014,
    msg: /id not exist/i,
    meaning: c => `no app with this App ID exists on ${c.endpoint.region ? REGIONS[c.endpoint.region].label : 'this server'}`,
    fix: c => `${otherRegionHint(c.endpoint)} Otherwise check 'app-id'.`,
    retry: 'never'
  },
  {
    code: 10014,
    meaning: 'the App Secret is wrong for this App ID',
    fix: c =>
      `${credentials(c)}; regenerating the secret invalidates the old one, so update the secret the workflow passes as 'app-secret'.`,
    retry: 'never'
  },
  { code: 99991543, meaning: 'the App ID or App Secret is incorrect', fix: c => `${credentials(c)}.`, retry: 'never' },
  {
    code: 99991400,
    meaning: 'the request was rate limited',
    fix: c =>
      SENT_ONCE.has(c.call)
        ? 'Too many requests for this app right now, and this request is sent once and never retried: run the workflow again later, or ask the tenant admin directly.'
        : "Too many requests for this app right now: run fewer jobs at once, or raise 'max-attempts' / 'timeout-seconds'.",
    retry: 'always'
  },
  {
    code: 212100,
    meaning: 'the app is not installed or not enabled in the tenant',
    fix: c => `Publish a version of the app and have the tenant admin enable it (${appConsoleUrl(c.endpoint, c.appId)}).`,
    retry: 'never'
  },
  {
    code: 99991401,
    meaning: "this runner's public IP address is not on the app's IP allowlist",
    fix: c =>
      'The token endpoint ignores the allowlist, which is why a token was issued; every other call from this runner is refused. ' +
      'GitHub-hosted runners get a different address from job to job: run the job on a runner with a fixed egress address ' +
      '(self-hosted, or a larger runner with static IP addresses) and add that address to the allowlist, or clear the allowlist, ' +
      `in the app's Security Settings in the developer console (${appConsoleUrl(c.endpoint, c.appId)}).`,
    retry: 'never'
  },
  { code: 99991661, meaning: 'no token was sent with the request', fix: 'This is a bug in the action: please report it.' },
  {
    code: 99991671,
    meaning: 'the token is malformed',
    fix: "Check that 'base-url' points at the Feishu/Lark Open Platform and not at another service."
  },
  {
    code: 99991663,
    meaning: 'the token is invalid or expired',
    fix: c =>
      `Run the action again; if it keeps failing, the token may come from another region or deployment. ${otherRegionHint(c.endpoint)}`
  },
  { code: 99991662, ...disabledOrNotInstalled },
  { code: 99991673, ...disabledOrNotInstalled },
  {
    code: 99991672,
    meaning: 'the app has not enabled a scope this API needs',
    fix: c => `Add the scope on the app's permission page (${appConsoleUrl(c.endpoint, c.appId)}/auth) and publish a version.`
  },
  {
    code: 99991676,
    meaning: 'the token lacks a scope this API needs',
    fix: c =>
      `Add the scope on the app's permission page (${appConsoleUrl(c.endpoint, c.appId)}/auth), publish a version, and have the tenant admin approve it.`
  },
  {
    code: 212001,
    meaning: 'only high-sensitivity scopes await approval, and those cannot be requested through the API',
    fix: c => `Request them on the app's permission page in the developer console (${appConsoleUrl(c.endpoint, c.appId)}/auth).`
  },
  {
    code: 212002,
    meaning: 'no scope of the app awaits approval, so there was nothing to request',
    fix: 'A scope that is not configured on the app must be added on its permission page and published in a version first.',
    level: 'info'
  },
  {
    code: 212003,
    meaning: 'the app has used up its 10 approval requests for this version',
    fix: c => `Ask the tenant admin directly, or publish a new version of the app (${appConsoleUrl(c.endpoint, c.appId)}) to request again.`
  },
  {
    code: 212004,
    meaning: 'an approval request for these scopes is already waiting for the tenant admin',
    fix: 'Nothing more to send: remind the tenant admin to approve it in the admin console.',
    level: 'info'
  },
  {
    code: 1000040351,
    meaning: c =>
      `the app belongs to the other region ("Incorrect domain name"); ${serverName(c.endpoint)} accepted its credentials but does not serve it`,
    fix: c => otherRegionHint(c.endpoint)
  }
]

/** The app's state in the tenant, as bot/v3/info reports it (`activate_status`): only 2, enabled, is usable. */
export interface ActivationRow {
  readonly status: number
  readonly meaning: string
  readonly fix: (c: Context) => string
}

const inAdminConsole = 'in the admin console (App Management)'
export const ACTIVATION: readonly ActivationRow[] = [
  {
    status: 0,
    meaning: 'the app is initialised but not yet installed in the tenant',
    fix: c => `Publish a version of the app (${appConsoleUrl(c.endpoint, c.appId)}) and have the tenant admin install and enable it.`
  },
  {
    status: 1,
    meaning: 'the tenant admin has disabled the app',
    fix: () => `Ask the tenant admin to enable it again ${inAdminConsole}.`
  },
  { status: 2, meaning: 'the app is enabled', fix: () => '' },
  {
    status: 3,
    meaning: 'the app is installed but awaits enabling',
    fix: () => `Have the tenant admin enable it ${inAdminConsole}.`
  },
  {
    status: 4,
    meaning: 'the app was upgraded and the new version awaits enabling',
    fix: () => `Have the tenant admin enable the new version ${inAdminConsole}.`
  },
  {
    status: 5,
    meaning: 'the app is disabled because its licence expired',
    fix: () => `Have the tenant admin renew the app's licence ${inAdminConsole}, then enable it.`
  },
  {
    status: 6,
    meaning: "the app is disabled because the tenant's Lark plan expired or was downgraded",
    fix: () => 'Have the tenant admin renew or upgrade the plan, then enable the app.'
  }
]

/** The words for an activate_status, including one this table does not know. */
export function activationRow(status: number): ActivationRow {
  return (
    ACTIVATION.find(row => row.status === status) ?? {
      status,
      meaning: 'the app is in a state this action does not know',
      fix: () => `Check the app's state ${inAdminConsole}: only an enabled app (activate_status 2) is usable.`
    }
  )
}

export function codeRow(code: number, msg: string): CodeRow | undefined {
  return CODES.find(row => row.code === code && (row.msg === undefined || row.msg.test(msg)))
}

/** A row's meaning or fix, in the words of this call's context. */
export const say = (text: string | ((c: CallContext) => string), c: CallContext): string => (typeof text === 'string' ? text : text(c))
