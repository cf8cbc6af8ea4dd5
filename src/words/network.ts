// The words for what goes wrong between the runner and the API: the network, TLS, proxies and their settings, HTTP
// that is not HTTP, and time running out. Each says what happened and what to change, naming the host, the proxy
// and the variable it came from (never its credentials).
import type { CallContext, Context, Failure } from '../feishu/failure.js'
import { SENT_ONCE } from '../feishu/failure.js'
import type { ProxyInfo, ProxyProblem, Route } from '../feishu/route.js'
import { quote } from '../output/text.js'
import { serverName } from './phrases.js'

type FailureOf<K extends Failure['kind']> = Extract<Failure, { kind: K }>

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
export const networkRow = (errno: string): NetworkRow => NETWORK[errno] ?? UNKNOWN_NETWORK

/** Certificate and handshake errors: a retry meets the same certificate. */
export const isTlsErrno = (errno: string): boolean => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/.test(errno)

const EXTRA_CA =
  "If a proxy on this runner intercepts TLS, give its CA certificate to Node with the NODE_EXTRA_CA_CERTS environment variable (the path of a PEM file, in the job's env:)"

/** Why Node's HTTP parser refused an answer, by its HPE_ code. */
export const HTTP_PARSER: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "its headers are larger than Node's limit",
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it has conflicting Content-Length headers',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number',
  HPE_INVALID_HEADER_TOKEN: 'a header has characters headers cannot have',
  HPE_INVALID_CONSTANT: 'it does not start as an HTTP answer does',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not valid',
  HPE_INVALID_CHUNK_SIZE: 'a chunk size is not valid'
}

export const hostOf = (c: Context): string => new URL(c.endpoint.baseUrl).host
const proxyOf = (c: Context): ProxyInfo | undefined => (c.route?.via === 'proxy' ? c.route.proxy : undefined)
/** "the proxy proxy.corp:3128 (from HTTPS_PROXY)": never its credentials. */
const proxyName = (c: Context): string => {
  const proxy = proxyOf(c)
  return proxy ? `the proxy ${proxy.host} (from ${proxy.variable})` : 'the proxy'
}

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

/** A connection to the API that failed: TLS, or the network, direct or through the proxy. */
export function networkWords(f: FailureOf<'network'>, c: Context): string {
  const host = hostOf(c)
  if (isTlsErrno(f.errno)) return tlsWords(f.errno, host)
  const { words } = networkRow(f.errno)
  const proxy = proxyOf(c)
  if (proxy) {
    return (
      `${words} while connecting to ${host} through the proxy ${proxy.host}. Check that the proxy (${proxy.variable}) ` +
      `is up and lets this runner reach ${host}, or list ${host} in NO_PROXY to go direct.`
    )
  }
  return `${words} while connecting to ${host}. ${directAdvice(c, host)}`
}

/** The way to the proxy, or the CONNECT exchange with it, failed: its certificate, its HTTP, or the network. */
export function proxyNetworkWords(f: FailureOf<'proxy-network'>, c: Context): string {
  const proxy = proxyName(c)
  const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY'
  if (isTlsErrno(f.errno)) {
    return (
      `the TLS certificate of ${proxy} could not be verified. Check that ${variable} names the proxy you mean (https:// ` +
      "only for a proxy that speaks TLS itself), and if its certificate comes from your company's CA, give that CA to Node " +
      'with the NODE_EXTRA_CA_CERTS environment variable.'
    )
  }
  if (f.errno.startsWith('HPE_')) {
    return (
      `${proxy} did not answer CONNECT as an HTTP proxy does (${HTTP_PARSER[f.errno] ?? "Node's HTTP parser refused its answer"}). ` +
      `Check that ${variable} points at the port of an HTTP(S) proxy, with the right scheme.`
    )
  }
  return (
    `${networkRow(f.errno).words} while connecting to ${proxy}, before anything reached ${hostOf(c)}. ` +
    `Check that ${variable} names a proxy that is up and that this runner can reach, or list ${hostOf(c)} in NO_PROXY to go direct.`
  )
}

/** The proxy answered CONNECT with another status than 200. */
export function proxyRefusedWords(f: FailureOf<'proxy-refused'>, c: Context): string {
  const host = hostOf(c)
  const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY'
  const auth = f.status === 407
  return (
    `the proxy ${proxyOf(c)?.host ?? ''} refused to open a tunnel to ${host} (HTTP ${f.status}${auth ? ', proxy authentication required' : ''}). ` +
    (auth
      ? `Check the user name and password in ${variable} (percent-encoded), or list the host in NO_PROXY to go direct.`
      : `Check that the proxy lets this runner reach ${host}, or list it in NO_PROXY to go direct.`)
  )
}

/**
 * Time ran out: before the request was sent (the step's deadline had passed: the budget is to blame, not the
 * network), while the proxy opened the tunnel, or while waiting for the answer. `waited`: why a request sent late
 * waited (a resource check's turn).
 */
export function timeoutWords(f: FailureOf<'timeout'>, c: CallContext, waited?: { readonly why: string; readonly fix: string }): string {
  const seconds = f.timeoutMs / 1000
  if (f.notSent) {
    const why = waited?.why ?? 'the requests before it used the time'
    return `not sent: the deadline set by 'timeout-seconds' (${seconds} s, retries included) had passed before its turn came (${why}). ${waited?.fix ?? "Raise 'timeout-seconds'."}`
  }
  const limit =
    f.limit === 'attempt'
      ? `${seconds} s, the limit for one attempt set by 'attempt-timeout-seconds', and the connection was dropped`
      : f.givenMs !== undefined
        ? `the ${Math.round(f.givenMs / 100) / 10} s it had left before the deadline set by 'timeout-seconds' (${seconds} s, retries included)`
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
    return (
      `${proxyName(c)} did not open a tunnel to ${hostOf(c)} within ${limit}. Check that ${proxyOf(c)?.variable ?? 'HTTPS_PROXY'} ` +
      `names a proxy that is up and lets this runner reach ${hostOf(c)}${advice}`
    )
  }
  return `${serverName(c.endpoint)} did not answer within ${limit}. Check the runner's network and proxy${advice}`
}

/** The route in one line, for the debug log of every run. */
export function describeRoute(route: Route, host: string): string {
  if (route.via === 'proxy') return `Requests to ${host} go through the proxy ${route.proxy.host} (from ${route.proxy.variable}).`
  switch (route.why) {
    case 'no-proxy-variable':
      return (
        `Requests to ${host} go direct: ${route.variable} is not set` +
        `${route.other ? ` (${route.other} is, but it is for ${route.variable === 'HTTPS_PROXY' ? 'http://' : 'https://'} requests)` : ''}.`
      )
    case 'loopback':
      return `Requests to ${host} go direct: it is a loopback address, which is never proxied (${route.variable} is set).`
    case 'no-proxy':
      return `Requests to ${host} go direct, not through the proxy of ${route.variable}: the entry ${quote(route.entry, 100)} of ${route.list} matches it.`
  }
}

/** What makes a proxy setting unusable, in words; never its value. */
const PROXY_PROBLEMS: { readonly [K in ProxyProblem['kind']]: (p: Extract<ProxyProblem, { kind: K }>) => string } = {
  'not-url': () => 'it is not a URL',
  'port-out-of-range': p => `its port ${p.port} is out of range (1-65535)`,
  scheme: p => `its scheme is ${p.scheme}, but only HTTP(S) proxies (CONNECT) are supported`,
  'no-host': () => 'it has no host',
  'bad-escape': () => 'its user name or password has a bad percent-escape (a % not followed by two hex digits)',
  'has-path': () => 'it has a path, query or fragment: give only the scheme, host and port'
}

/** A proxy variable set to something that cannot be used, and how to set it. */
export function proxySettingWords(variable: string, problem: ProxyProblem): string {
  const why = (PROXY_PROBLEMS[problem.kind] as (p: ProxyProblem) => string)(problem)
  return (
    `Environment variable '${variable}' is set, but the proxy in it cannot be used: ${why}. ` +
    'Set it to an HTTP(S) proxy URL such as http://proxy.example.com:3128 (credentials as http://user:password@host:port, ' +
    'percent-encoded), or unset it; list hosts that must go direct in NO_PROXY.'
  )
}
