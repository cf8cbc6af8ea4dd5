import { type Endpoint, REGIONS, REGION_NAMES, appConsoleUrl, otherRegion } from './region.js'
import { quote } from './text.js'

/** What went wrong with one request, before it is put into words. */
export type Failure =
  | { readonly kind: 'network'; readonly errno: string }
  /** `attempt`: one attempt's limit ('attempt-timeout-seconds'); `step`: the whole step's ('timeout-seconds'). */
  | { readonly kind: 'timeout'; readonly limit: 'attempt' | 'step'; readonly timeoutMs: number }
  /** Node's HTTP parser refused the answer; `code` is its HPE_ code. */
  | { readonly kind: 'bad-http'; readonly code: string }
  | { readonly kind: 'redirect'; readonly status: number; readonly location?: string }
  | { readonly kind: 'not-json'; readonly status: number; readonly contentType?: string; readonly bytes: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'too-large'; readonly status: number; readonly limitBytes: number }
  | { readonly kind: 'truncated'; readonly status: number }
  | { readonly kind: 'malformed'; readonly status: number; readonly detail: string }
  | {
      readonly kind: 'feishu'
      readonly status: number
      readonly code: number
      readonly msg: string
      readonly troubleshooter?: string
    }

/** Which request failed, and for which app: the words and fixes depend on it. */
export interface ErrorContext {
  readonly call: 'token' | 'scopes' | 'apply'
  readonly appId: string
  readonly endpoint: Endpoint
  /** host:port of the proxy the request went through (never its credentials). */
  readonly proxy?: string
}

export class FeishuError extends Error {
  override readonly name = 'FeishuError'
  constructor(
    readonly failure: Failure,
    readonly context: ErrorContext,
    readonly logId?: string,
    /** How long the server asked us to wait before trying again. */
    readonly retryAfterMs?: number
  ) {
    super(describeFailure(failure, context, logId))
  }
}

interface Explanation {
  readonly meaning: string
  readonly fix: string
}

interface CodeRow {
  readonly code: number
  /** Some codes mean different things depending on msg (10014). */
  readonly msg?: RegExp
  readonly explain: (context: ErrorContext) => Explanation
}

/** "Feishu (open.feishu.cn)", or "the server at feishu.example.com" for a custom base URL. */
const serverName = (endpoint: Endpoint): string => {
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

const credentials = (c: ErrorContext): string =>
  `Copy the App ID and App Secret from the app's "Credentials & Basic Info" page (${appConsoleUrl(c.endpoint, c.appId)})`

/** Feishu code -> plain words and what to do. A new code is one row. */
export const CODE_TABLE: readonly CodeRow[] = [
  {
    code: 10003,
    explain: c => ({
      meaning: 'the App ID is missing, malformed or unknown',
      fix: `${credentials(c)} and check 'app-id'.`
    })
  },
  {
    code: 10014,
    msg: /id not exist/i,
    explain: c => ({
      meaning: `no app with this App ID exists on ${c.endpoint.region ? REGIONS[c.endpoint.region].label : 'this server'}`,
      fix: `${otherRegionHint(c.endpoint)} Otherwise check 'app-id'.`
    })
  },
  {
    code: 10014,
    explain: c => ({
      meaning: 'the App Secret is wrong for this App ID',
      fix: `${credentials(c)}; regenerating the secret invalidates the old one, so update the secret the workflow passes as 'app-secret'.`
    })
  },
  {
    code: 99991543,
    explain: c => ({ meaning: 'the App ID or App Secret is incorrect', fix: `${credentials(c)}.` })
  },
  {
    code: 99991400,
    explain: () => ({
      meaning: 'the request was rate limited',
      fix: "Too many requests for this app right now: run fewer jobs at once, or raise 'max-attempts' / 'timeout-seconds'."
    })
  },
  {
    code: 212100,
    explain: c => ({
      meaning: 'the app is not installed or not enabled in the tenant',
      fix: `Publish a version of the app and have the tenant admin enable it (${appConsoleUrl(c.endpoint, c.appId)}).`
    })
  },
  {
    code: 99991661,
    explain: () => ({ meaning: 'no token was sent with the request', fix: 'This is a bug in the action: please report it.' })
  },
  {
    code: 99991671,
    explain: () => ({
      meaning: 'the token is malformed',
      fix: "Check that 'base-url' points at the Feishu/Lark Open Platform and not at another service."
    })
  },
  {
    code: 99991663,
    explain: c => ({
      meaning: 'the token is invalid or expired',
      fix: `Run the action again; if it keeps failing, the token may come from another region or deployment. ${otherRegionHint(c.endpoint)}`
    })
  },
  ...[99991662, 99991673].map(code => ({
    code,
    explain: (c: ErrorContext) => ({
      meaning: 'the app is disabled, or not installed in this tenant',
      fix: `Enable the app and publish a version in the developer console (${appConsoleUrl(c.endpoint, c.appId)}), then have the tenant admin approve it.`
    })
  })),
  {
    code: 99991672,
    explain: c => ({
      meaning: 'the app has not enabled a scope this API needs',
      fix: `Add the scope on the app's permission page (${appConsoleUrl(c.endpoint, c.appId)}/auth) and publish a version.`
    })
  },
  {
    code: 99991676,
    explain: c => ({
      meaning: 'the token lacks a scope this API needs',
      fix: `Add the scope on the app's permission page (${appConsoleUrl(c.endpoint, c.appId)}/auth), publish a version, and have the tenant admin approve it.`
    })
  },
  {
    code: 212001,
    explain: c => ({
      meaning: 'only high-sensitivity scopes await approval, and those cannot be requested through the API',
      fix: `Request them on the app's permission page in the developer console (${appConsoleUrl(c.endpoint, c.appId)}/auth).`
    })
  },
  {
    code: 212002,
    explain: () => ({
      meaning: 'no scope of the app awaits approval, so there was nothing to request',
      fix: 'A scope that is not configured on the app must be added on its permission page and published in a version first.'
    })
  },
  {
    code: 212003,
    explain: c => ({
      meaning: 'the app has used up its 10 approval requests for this version',
      fix: `Ask the tenant admin directly, or publish a new version of the app (${appConsoleUrl(c.endpoint, c.appId)}) to request again.`
    })
  },
  {
    code: 212004,
    explain: () => ({
      meaning: 'an approval request for these scopes is already waiting for the tenant admin',
      fix: 'Nothing more to send: remind the tenant admin to approve it in the admin console.'
    })
  },
  {
    code: 1000040351,
    explain: c => ({
      meaning: `the app belongs to the other region ("Incorrect domain name"); ${serverName(c.endpoint)} accepted its credentials but does not serve it`,
      fix: otherRegionHint(c.endpoint)
    })
  }
]

export function explainCode(code: number, msg: string, context: ErrorContext): Explanation | undefined {
  const row = CODE_TABLE.find(r => r.code === code && (r.msg === undefined || r.msg.test(msg)))
  return row?.explain(context)
}

const NETWORK_WORDS: Record<string, string> = {
  ENOTFOUND: 'the host name could not be resolved (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable'
}

const HTTP_PARSER_WORDS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "its headers are larger than Node's limit",
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it has conflicting Content-Length headers',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number',
  HPE_INVALID_HEADER_TOKEN: 'a header has characters headers cannot have',
  HPE_INVALID_CONSTANT: 'it does not start as an HTTP answer does',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not valid',
  HPE_INVALID_CHUNK_SIZE: 'a chunk size is not valid'
}

/** The proxy refused to open the tunnel (CONNECT answered other than 200). */
const PROXY_STATUS = /^PROXY_(\d{3})$/

function isTlsErrno(errno: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/.test(errno)
}

const WHAT: Record<ErrorContext['call'], string> = {
  token: 'Could not get a tenant access token',
  scopes: "Could not list the app's scopes",
  apply: "Could not ask the tenant admin to approve the app's pending scopes"
}
const what = (c: ErrorContext): string => WHAT[c.call]

function explainFailure(failure: Failure, c: ErrorContext): { text: string; facts: string[] } {
  const host = new URL(c.endpoint.baseUrl).host
  const server = serverName(c.endpoint)
  switch (failure.kind) {
    case 'feishu': {
      const known = explainCode(failure.code, failure.msg, c)
      const facts = [`code ${failure.code}`, `msg ${quote(failure.msg)}`, `HTTP ${failure.status}`]
      if (failure.troubleshooter) facts.push(`troubleshooter ${failure.troubleshooter}`)
      if (known) return { text: `${known.meaning}. ${known.fix}`, facts }
      return {
        text:
          `${server} answered with an error this action does not know. ` +
          'Look the code up in the Open Platform error code list (https://open.feishu.cn/document/server-docs/getting-started/server-error-codes), or give the log id to Feishu support.',
        facts
      }
    }
    case 'network': {
      if (isTlsErrno(failure.errno)) {
        return {
          text:
            `the TLS certificate of ${host} could not be verified. If a proxy on this runner intercepts TLS, ` +
            'give its CA certificate to Node with the NODE_EXTRA_CA_CERTS environment variable.',
          facts: [failure.errno]
        }
      }
      const refused = PROXY_STATUS.exec(failure.errno)
      if (refused && c.proxy) {
        const status = Number(refused[1])
        return {
          text:
            `the proxy ${c.proxy} refused to open a tunnel to ${host} (HTTP ${status}${status === 407 ? ', proxy authentication required' : ''}). ` +
            (status === 407
              ? 'Check the user name and password in HTTPS_PROXY (percent-encoded), or list the host in NO_PROXY to go direct.'
              : `Check that the proxy lets this runner reach ${host}, or list it in NO_PROXY to go direct.`),
          facts: [failure.errno]
        }
      }
      const words = NETWORK_WORDS[failure.errno] ?? 'the request failed on the network'
      if (c.proxy) {
        return {
          text:
            `${words} while connecting to ${host} through the proxy ${c.proxy}. Check that the proxy (HTTPS_PROXY / HTTP_PROXY) ` +
            `is up and lets this runner reach ${host}, or list ${host} in NO_PROXY to go direct.`,
          facts: [failure.errno]
        }
      }
      return {
        text:
          `${words} while connecting to ${host}. Check 'region' / 'base-url', and that this runner can reach ${host} ` +
          '(behind a corporate proxy, set HTTPS_PROXY and NO_PROXY).',
        facts: [failure.errno]
      }
    }
    case 'timeout':
      if (failure.limit === 'attempt') {
        return {
          text:
            `${server} did not answer within ${failure.timeoutMs / 1000} s, the limit for one attempt set by 'attempt-timeout-seconds', ` +
            "and the connection was dropped. Check the runner's network and proxy, or raise 'attempt-timeout-seconds' or 'max-attempts'.",
          facts: []
        }
      }
      return {
        text:
          `${server} did not answer within ${failure.timeoutMs / 1000} s, the deadline set by 'timeout-seconds' (retries included). ` +
          "Check the runner's network and proxy, or raise 'timeout-seconds'.",
        facts: []
      }
    case 'bad-http':
      return {
        text:
          `${server} sent an answer that is not valid HTTP (${HTTP_PARSER_WORDS[failure.code] ?? "Node's HTTP parser refused it"}), ` +
          `so it cannot be used. Check 'base-url' and any proxy or gateway between the runner and ${host}.`,
        facts: [failure.code]
      }
    case 'redirect':
      return {
        text:
          `${server} answered with a redirect${failure.location ? ` to ${redirectTarget(failure.location, c.endpoint.baseUrl)}` : ''}. ` +
          "The action never follows redirects, so the App Secret and token are never sent to another host: point 'base-url' (or 'region') at the API host itself.",
        facts: [`HTTP ${failure.status}`]
      }
    case 'not-json':
      return {
        text:
          `${server} answered with ${failure.bytes === 0 ? 'an empty body' : 'a body that is not JSON'}` +
          `${failure.contentType ? ` (content type ${quote(failure.contentType, 100)})` : ''}, so it is probably not the Open Platform API, ` +
          `or a proxy or gateway answered in its place${failure.status >= 500 ? ' with an error page' : ''}. Check 'base-url' and any proxy between the runner and ${host}.`,
        facts: [`HTTP ${failure.status}`, `${failure.bytes} bytes`]
      }
    case 'http':
      return {
        text: `${server} answered HTTP ${failure.status} without an Open Platform error code${failure.status >= 500 ? ': the service or a gateway in front of it is having trouble; try again later' : ''}.`,
        facts: [`HTTP ${failure.status}`]
      }
    case 'too-large':
      return {
        text: `${server} sent a body larger than ${failure.limitBytes / 1024 / 1024} MiB; the action stopped reading. No Open Platform answer is that large: check 'base-url' and any proxy.`,
        facts: [`HTTP ${failure.status}`]
      }
    case 'truncated':
      return {
        text: `the connection to ${host} closed before the whole answer arrived.`,
        facts: [`HTTP ${failure.status}`]
      }
    case 'malformed':
      return {
        text: `${server} answered code 0 but ${failure.detail}, so the answer cannot be used. Check 'base-url'.`,
        facts: [`HTTP ${failure.status}`]
      }
  }
}

/** Where a redirect points, resolved as a client would (`//host/x` and `/\\host` are other hosts). */
function redirectTarget(location: string, baseUrl: string): string {
  let target: URL
  try {
    target = new URL(location, baseUrl)
  } catch {
    return `a location that is not a URL (${quote(location, 100)})`
  }
  // A parsed host has no spaces, controls or credentials: safe to show as it is.
  return target.host === new URL(baseUrl).host ? `another path on the same host (${quote(target.pathname, 100)})` : target.host
}

export function describeFailure(failure: Failure, context: ErrorContext, logId?: string): string {
  const { text, facts } = explainFailure(failure, context)
  if (logId) facts.push(`log id ${logId}`)
  return `${what(context)}: ${text}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`
}

/** One short phrase for a retry line. */
export function shortFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'feishu':
      return `code ${failure.code} (HTTP ${failure.status})`
    case 'network':
      return failure.errno
    case 'timeout':
      return failure.limit === 'attempt' ? `no answer in ${failure.timeoutMs / 1000} s` : 'no answer in time'
    case 'bad-http':
      return `not valid HTTP (${failure.code})`
    case 'truncated':
      return `connection closed mid-answer (HTTP ${failure.status})`
    case 'not-json':
      return `HTTP ${failure.status}, not JSON`
    case 'redirect':
    case 'http':
    case 'too-large':
    case 'malformed':
      return `HTTP ${failure.status}`
  }
}
