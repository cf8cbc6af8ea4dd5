// What a failed request means: one row per kind of failure (and per network error), holding its words, the short
// phrase of a retry line, and whether another attempt can help. Feishu's own codes are rows of codes.ts. The
// sentence is composed once, by describeFailure, where the app, endpoint and proxy are known.
import { ACCESS, type AccessContext, activationRow, codeRow, enableBot, say, serverName } from './codes.js'
import { KINDS as RESOURCE_KINDS, type Resource, resourceName } from './resources.js'
import {
  type AccessResult,
  type Call,
  type CallContext,
  type Context,
  type Failure,
  type FailureKind,
  type RequestError,
  SENT_ONCE
} from './failure.js'
import type { ProxyInfo } from './transport.js'
import { quote } from './text.js'

interface KindRow<F extends Failure> {
  /** Whether another attempt can help. */
  readonly retried: (failure: F) => boolean
  /** One short phrase, for a retry line or a debug line. */
  readonly short: (failure: F) => string
  /** What happened and what to do, and the facts to quote after it. */
  readonly explain: (failure: F, c: CallContext) => { readonly text: string; readonly facts: string[] }
}

interface NetworkRow {
  readonly words: string
  /** The same request may get through on a fresh connection. */
  readonly retried: boolean
}

const NETWORK: Record<string, NetworkRow> = {
  ENOTFOUND: { words: 'the host name could not be resolved (DNS)', retried: false },
  EAI_AGAIN: { words: 'the host name could not be resolved right now (DNS)', retried: true },
  ECONNREFUSED: { words: 'the connection was refused', retried: true },
  ECONNRESET: { words: 'the connection was reset', retried: true },
  ECONNABORTED: { words: 'the connection was aborted', retried: true },
  ETIMEDOUT: { words: 'the connection timed out', retried: true },
  EPIPE: { words: 'the connection was closed while sending', retried: true },
  EHOSTUNREACH: { words: 'the host is unreachable', retried: true },
  ENETUNREACH: { words: 'the network is unreachable', retried: true }
}
const UNKNOWN_NETWORK: NetworkRow = { words: 'the request failed on the network', retried: false }
const networkRow = (errno: string): NetworkRow => NETWORK[errno] ?? UNKNOWN_NETWORK

/** Certificate and handshake errors: a retry meets the same certificate. */
const isTlsErrno = (errno: string): boolean => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/.test(errno)

const EXTRA_CA =
  "If a proxy on this runner intercepts TLS, give its CA certificate to Node with the NODE_EXTRA_CA_CERTS environment variable (the path of a PEM file, in the job's env:)"

/** What each kind of certificate failure means for `host`, and the remedy that can help with it. */
function tlsWords(errno: string, host: string): string {
  if (errno === 'ERR_TLS_CERT_ALTNAME_INVALID' || errno === 'HOSTNAME_MISMATCH') {
    return (
      `the TLS certificate ${host} presented is trusted but does not name ${host}, so it may belong to another server. ` +
      "Check that 'base-url' uses the host name the server's certificate is issued for; if a proxy intercepts TLS, " +
      `its certificate for ${host} is wrong. Adding a CA (NODE_EXTRA_CA_CERTS) cannot fix a name mismatch.`
    )
  }
  if (errno === 'CERT_HAS_EXPIRED' || errno === 'CERT_NOT_YET_VALID') {
    return (
      `the TLS certificate of ${host} is ${errno === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}. ` +
      "Check the runner's clock (a wrong date makes good certificates look expired); otherwise whoever runs that server, " +
      'or the proxy that intercepts TLS, must renew its certificate.'
    )
  }
  if (errno === 'DEPTH_ZERO_SELF_SIGNED_CERT' || errno === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return (
      `${host} presented a self-signed certificate, which no public CA vouches for: a test server, or a proxy that ` +
      `intercepts TLS. ${EXTRA_CA}; never turn verification off.`
    )
  }
  if (/^UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT)/.test(errno)) {
    return `the TLS certificate of ${host} is signed by a CA this runner does not trust. ${EXTRA_CA}.`
  }
  return `the TLS handshake with ${host} failed. Check 'base-url', and any proxy between the runner and ${host}. ${EXTRA_CA}.`
}

/** Why requests went direct, and what to change, for a failed direct connection. */
function directAdvice(c: Context, host: string): string {
  const route = c.route
  if (route?.via === 'direct' && route.why === 'no-proxy') {
    return (
      `The request went direct, not through the proxy of ${route.variable}, because the entry ${quote(route.entry, 100)} of ${route.list} ` +
      `matches ${host}: if this runner reaches ${host} only through the proxy, take that entry out of ${route.list}.`
    )
  }
  if (route?.via === 'direct' && route.why === 'loopback') return `Check that the server at ${host} is running.`
  return `Check 'region' / 'base-url', and that this runner can reach ${host} (behind a corporate proxy, set HTTPS_PROXY in the job's env:).`
}

const HTTP_PARSER: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "its headers are larger than Node's limit",
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it has conflicting Content-Length headers',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number',
  HPE_INVALID_HEADER_TOKEN: 'a header has characters headers cannot have',
  HPE_INVALID_CONSTANT: 'it does not start as an HTTP answer does',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not valid',
  HPE_INVALID_CHUNK_SIZE: 'a chunk size is not valid'
}

/** Overloaded or failing gateways may do better on the next attempt; anything else will say the same again. */
const retriedByStatus = (status: number): boolean => status === 429 || status >= 500
const hostOf = (c: Context): string => new URL(c.endpoint.baseUrl).host
const proxyOf = (c: Context): ProxyInfo | undefined => (c.route?.via === 'proxy' ? c.route.proxy : undefined)
/** "the proxy proxy.corp:3128 (from HTTPS_PROXY)": never its credentials. */
const proxyName = (c: Context): string => {
  const proxy = proxyOf(c)
  return proxy ? `the proxy ${proxy.host} (from ${proxy.variable})` : 'the proxy'
}

const KINDS: { readonly [K in FailureKind]: KindRow<Extract<Failure, { kind: K }>> } = {
  feishu: {
    retried: f => {
      const retry = codeRow(f.code, f.msg)?.retry
      return retry === 'never' ? false : retry === 'always' || retriedByStatus(f.status)
    },
    short: f => `code ${f.code} (HTTP ${f.status})`,
    explain: (f, c) => {
      const row = codeRow(f.code, f.msg)
      const facts = [`code ${f.code}`, `msg ${quote(f.msg)}`, `HTTP ${f.status}`]
      if (f.troubleshooter) facts.push(`troubleshooter ${f.troubleshooter}`)
      if (f.scopes && f.scopes.length > 0) facts.push(`scopes named: ${f.scopes.join(', ')}`)
      if (row) return { text: `${say(row.meaning, c)}. ${say(row.fix, c)}`, facts }
      // A code the call's own words could explain only when the server meant it: an overloaded gateway's (429, 5xx) is not.
      const hint = retriedByStatus(f.status) ? undefined : CALLS[c.call].unknownCode?.(c)
      return {
        text:
          `${serverName(c.endpoint)} answered with an error this action does not know. ${hint ? `${hint} ` : ''}` +
          'Look the code up in the Open Platform error code list (https://open.feishu.cn/document/server-docs/getting-started/server-error-codes), or give the log id to Feishu support.',
        facts
      }
    }
  },
  network: {
    retried: f => !isTlsErrno(f.errno) && networkRow(f.errno).retried,
    short: f => f.errno,
    explain: (f, c) => {
      const host = hostOf(c)
      if (isTlsErrno(f.errno)) return { text: tlsWords(f.errno, host), facts: [f.errno] }
      const { words } = networkRow(f.errno)
      const proxy = proxyOf(c)
      if (proxy) {
        return {
          text:
            `${words} while connecting to ${host} through the proxy ${proxy.host}. Check that the proxy (${proxy.variable}) ` +
            `is up and lets this runner reach ${host}, or list ${host} in NO_PROXY to go direct.`,
          facts: [f.errno]
        }
      }
      return { text: `${words} while connecting to ${host}. ${directAdvice(c, host)}`, facts: [f.errno] }
    }
  },
  'proxy-network': {
    retried: f => !isTlsErrno(f.errno) && !f.errno.startsWith('HPE_') && networkRow(f.errno).retried,
    short: f => `proxy: ${f.errno}`,
    explain: (f, c) => {
      const proxy = proxyName(c)
      const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY'
      if (isTlsErrno(f.errno)) {
        return {
          text:
            `the TLS certificate of ${proxy} could not be verified. Check that ${variable} names the proxy you mean (https:// ` +
            "only for a proxy that speaks TLS itself), and if its certificate comes from your company's CA, give that CA to Node " +
            'with the NODE_EXTRA_CA_CERTS environment variable.',
          facts: [f.errno]
        }
      }
      if (f.errno.startsWith('HPE_')) {
        return {
          text:
            `${proxy} did not answer CONNECT as an HTTP proxy does (${HTTP_PARSER[f.errno] ?? "Node's HTTP parser refused its answer"}). ` +
            `Check that ${variable} points at the port of an HTTP(S) proxy, with the right scheme.`,
          facts: [f.errno]
        }
      }
      return {
        text:
          `${networkRow(f.errno).words} while connecting to ${proxy}, before anything reached ${hostOf(c)}. ` +
          `Check that ${variable} names a proxy that is up and that this runner can reach, or list ${hostOf(c)} in NO_PROXY to go direct.`,
        facts: [f.errno]
      }
    }
  },
  'proxy-refused': {
    // A proxy that could not reach the server, or is overloaded, may do better next time.
    retried: f => f.status >= 500,
    short: f => `the proxy answered ${f.status}`,
    explain: (f, c) => {
      const host = hostOf(c)
      const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY'
      const auth = f.status === 407
      return {
        text:
          `the proxy ${proxyOf(c)?.host ?? ''} refused to open a tunnel to ${host} (HTTP ${f.status}${auth ? ', proxy authentication required' : ''}). ` +
          (auth
            ? `Check the user name and password in ${variable} (percent-encoded), or list the host in NO_PROXY to go direct.`
            : `Check that the proxy lets this runner reach ${host}, or list it in NO_PROXY to go direct.`),
        facts: []
      }
    }
  },
  timeout: {
    retried: () => true,
    short: f =>
      f.notSent
        ? 'not sent: no time left'
        : f.atProxy
          ? 'no tunnel from the proxy in time'
          : f.limit === 'attempt'
            ? `no answer in ${f.timeoutMs / 1000} s`
            : 'no answer in time',
    explain: (f, c) => {
      const seconds = f.timeoutMs / 1000
      if (f.notSent) {
        // Nothing went out: the network is not to blame, the time budget is.
        const waited = c.resource
          ? `the checks go a few at a time, each kind within its rate limit (documents: ${RESOURCE_KINDS.docx.perSecond} a second)`
          : 'the requests before it used the time'
        const fix = c.resource ? "Raise 'timeout-seconds', or list fewer resources." : "Raise 'timeout-seconds'."
        return {
          text: `not sent: the deadline set by 'timeout-seconds' (${seconds} s, retries included) had passed before its turn came (${waited}). ${fix}`,
          facts: []
        }
      }
      const limit =
        f.limit === 'attempt'
          ? `${seconds} s, the limit for one attempt set by 'attempt-timeout-seconds', and the connection was dropped`
          : `${seconds} s, the deadline set by 'timeout-seconds' (retries included)`
      // The approval request is sent once: more attempts cannot help it.
      const once = SENT_ONCE.has(c.call)
      const raise =
        f.limit === 'step'
          ? "'timeout-seconds'"
          : once
            ? "'attempt-timeout-seconds'"
            : "'attempt-timeout-seconds', or 'max-attempts' and 'timeout-seconds' (the attempts share its deadline)"
      const advice = once
        ? `. This request is sent once and never retried: run the workflow again later, or raise ${raise}.`
        : `, or raise ${raise}.`
      if (f.atProxy) {
        return {
          text:
            `${proxyName(c)} did not open a tunnel to ${hostOf(c)} within ${limit}. Check that ${proxyOf(c)?.variable ?? 'HTTPS_PROXY'} ` +
            `names a proxy that is up and lets this runner reach ${hostOf(c)}${advice}`,
          facts: []
        }
      }
      return { text: `${serverName(c.endpoint)} did not answer within ${limit}. Check the runner's network and proxy${advice}`, facts: [] }
    }
  },
  'bad-http': {
    retried: () => false,
    short: f => `not valid HTTP (${f.code})`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} sent an answer that is not valid HTTP (${HTTP_PARSER[f.code] ?? "Node's HTTP parser refused it"}), ` +
        `so it cannot be used. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
      facts: [f.code]
    })
  },
  redirect: {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} answered with a redirect${f.location ? ` to ${redirectTarget(f.location, c.endpoint.baseUrl)}` : ''}. ` +
        "The action never follows redirects, so the App Secret and token are never sent to another host: point 'base-url' (or 'region') at the API host itself.",
      facts: [`HTTP ${f.status}`]
    })
  },
  'not-json': {
    retried: f => retriedByStatus(f.status),
    short: f => `HTTP ${f.status}, not JSON`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} answered with ${f.bytes === 0 ? 'an empty body' : 'a body that is not JSON'}` +
        `${f.contentType ? ` (content type ${quote(f.contentType, 100)})` : ''}, so it is probably not the Open Platform API, ` +
        `or a proxy or gateway answered in its place${f.status >= 500 ? ' with an error page' : ''}. Check 'base-url' and any proxy between the runner and ${hostOf(c)}.`,
      facts: [`HTTP ${f.status}`, `${f.bytes} bytes`]
    })
  },
  http: {
    retried: f => retriedByStatus(f.status),
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered HTTP ${f.status} without an Open Platform error code${f.status >= 500 ? ': the service or a gateway in front of it is having trouble; try again later' : ''}.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  'too-large': {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} sent a body larger than ${f.limitBytes / 1024 / 1024} MiB; the action stopped reading. No Open Platform answer is that large: check 'base-url' and any proxy.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  truncated: {
    retried: () => true,
    short: f => `connection closed mid-answer (HTTP ${f.status})`,
    explain: (f, c) => ({ text: `the connection to ${hostOf(c)} closed before the whole answer arrived.`, facts: [`HTTP ${f.status}`] })
  },
  'no-code': {
    retried: () => false,
    short: f => `HTTP ${f.status}, no code`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered with JSON that has no numeric 'code', so it is not an Open Platform answer. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  malformed: {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered code 0 but ${f.detail}, so the answer cannot be used. Check 'base-url'.`,
      facts: [`HTTP ${f.status}`]
    })
  }
}

const rowOf = <F extends Failure>(failure: F): KindRow<F> => KINDS[failure.kind] as unknown as KindRow<F>

interface CallRow {
  /** How the sentence starts. */
  readonly what: (c: CallContext) => string
  /** What a code this action does not know most likely means on this call. */
  readonly unknownCode?: (c: CallContext) => string
}

const CALLS: Readonly<Record<Call, CallRow>> = {
  token: { what: () => 'Could not get a tenant access token' },
  scopes: { what: () => "Could not list the app's scopes" },
  apply: { what: () => "Could not ask the tenant admin to approve the app's pending scopes" },
  bot: {
    what: () => "Could not check the app's bot",
    // Feishu does not document every code an app without a bot gets here.
    unknownCode: c => `If the app has no bot: ${enableBot(c)}.`
  },
  access: { what: c => `Could not check ${c.resource ? resourceName(c.resource) : 'a resource'}` },
  edit: { what: c => `Could not check the edit rights on ${c.resource ? resourceName(c.resource) : 'a resource'}` }
}

/** Whether another attempt can help. */
export const isRetried = (failure: Failure): boolean => rowOf(failure).retried(failure)

/** One short phrase, for a retry line or a debug line. */
export const shortFailure = (failure: Failure): string => rowOf(failure).short(failure)

/** How a failure is logged when the call's answer is only reported, not acted on. */
export const reportLevel = (failure: Failure): 'info' | 'warning' =>
  (failure.kind === 'feishu' && codeRow(failure.code, failure.msg)?.level) || 'warning'

/** The whole sentence: which call failed (about which resource), what it means and what to do, then the facts and the log id. */
export function describeFailure(error: RequestError, context: Context, resource?: Resource): string {
  const c: CallContext = { ...context, call: error.call, ...(resource && { resource }) }
  const { text, facts } = rowOf(error.failure).explain(error.failure, c)
  const all = error.logId ? [...facts, `log id ${error.logId}`] : facts
  return `${CALLS[error.call].what(c)}: ${text}${all.length > 0 ? ` (${all.join(', ')})` : ''}`
}

/** A resource as the lines about it name it: its label, kind and id, and whether edit rights were asked for. */
const accessName = (resource: Resource): string => `${resourceName(resource)}${resource.edit ? ', with edit rights' : ''}`

/**
 * What a resource check found, in one line: the resource (its label and id, never a title from an answer), what is
 * wrong, what to do, and the code, status and log id of the answer that said so.
 */
export function describeAccess(result: AccessResult, context: Context, stoppedBy?: Resource): string {
  const { resource, problem, error } = result
  if (problem === undefined) return `${accessName(resource)}: reachable.`
  if (problem === 'not-checked') {
    const cause = stoppedBy ? `the answer that ${resourceName(stoppedBy)} got` : 'the answer explained above'
    return result.logId
      ? `${accessName(resource)}: refused too, with ${cause} (log id ${result.logId}).`
      : `${accessName(resource)}: not checked, because every call from this runner gets ${cause}.`
  }
  if (problem === 'failed' && error) return describeFailure(error, context, resource)
  const { meaning, fix } = accessWords(result, context)
  const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined
  const logId = error?.logId ?? result.logId
  const facts = [...(feishu ? [`code ${feishu.code}`, `HTTP ${feishu.status}`] : []), ...(logId ? [`log id ${logId}`] : [])]
  return `${accessName(resource)}: ${meaning}. ${fix}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`
}

/** What a resource check's problem means and what to do: the code's own words when a code said it, else the problem's. */
export function accessWords(
  { resource, problem, error, call = 'access', scopes }: AccessResult,
  context: Context
): { readonly meaning: string; readonly fix: string } {
  const c: AccessContext = { ...context, call, resource, ...(scopes && { scopes }) }
  const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined
  const row = feishu && codeRow(feishu.code, feishu.msg)
  // A code's own words, but for a missing scope: the problem's words name the scopes that would do.
  if (row?.access && problem !== 'no-scope') return { meaning: say(row.meaning, c), fix: say(row.fix, c) }
  const words = ACCESS[problem === undefined || problem === 'failed' || problem === 'not-checked' ? 'other' : problem]
  return { meaning: words.meaning(c), fix: words.fix(c) }
}

/** "the resource", "both resources", "all 5 resources": the resources of 'required-access', every one. */
export const everyResource = (count: number): string =>
  count === 1 ? 'the resource' : count === 2 ? 'both resources' : `all ${count} resources`

/** The step's words for the resources the app does not reach: one line each, a shared cause said once. */
export function describeMissingAccess(results: readonly AccessResult[], context: Context): string {
  const missing = results.filter(result => result.problem !== undefined)
  const stopper = results.find(
    result => result.problem !== 'not-checked' && result.error && missing.some(m => m.error === result.error && m !== result)
  )
  return [
    `${missing.length} of ${results.length} ${results.length === 1 ? 'resource' : 'resources'} in 'required-access' ${missing.length === 1 ? 'is' : 'are'} out of reach for app ${context.appId}:`,
    ...missing.map(result => `- ${describeAccess(result, context, stopper?.resource)}`)
  ].join('\n')
}

/** Why an app that answered bot/v3/info is not usable (its activate_status is not 2), and what to do. */
export function describeInactiveApp(
  { activateStatus, appName, logId }: { activateStatus: number; appName?: string; logId?: string },
  context: Context
): string {
  const { meaning, fix } = activationRow(activateStatus)
  return (
    `The app ${context.appId}${appName ? ` (${quote(appName, 80)})` : ''} is not usable in this tenant: ${meaning} ` +
    `(activate_status ${activateStatus}; only 2, enabled, is usable). ${fix(context)}${logId ? ` (log id ${logId})` : ''}`
  )
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
