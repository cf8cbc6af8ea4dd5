// Which way requests reach the API, and why: through the proxy of an environment variable, or direct. The rules are
// @actions/http-client's own (it still decides for every request), but a setting that cannot be used is an error that
// names its variable, where http-client would quietly go direct or fail with something unrelated.
import { checkBypass } from '@actions/http-client/lib/proxy'

/** The proxy requests go through: never its credentials. */
export interface ProxyInfo {
  /** host:port */
  readonly host: string
  /** The environment variable it came from, e.g. HTTPS_PROXY. */
  readonly variable: string
}

/**
 * How the requests of a run reach the API, and why: through the proxy of a variable, or direct because no proxy
 * variable is set, because the host is a loopback address (http-client never proxies those), or because an entry
 * of NO_PROXY matched the host.
 */
export type Route =
  | { readonly via: 'proxy'; readonly proxy: ProxyInfo }
  /** `variable`: the pair for the scheme; `other`: a proxy variable that is set but for the other scheme. */
  | { readonly via: 'direct'; readonly why: 'no-proxy-variable'; readonly variable: string; readonly other?: string }
  | { readonly via: 'direct'; readonly why: 'loopback'; readonly variable: string }
  | { readonly via: 'direct'; readonly why: 'no-proxy'; readonly variable: string; readonly list: string; readonly entry: string }

/** What makes a proxy setting unusable; never its value, which may hold a password. */
export type ProxyProblem =
  | { readonly kind: 'not-url' }
  | { readonly kind: 'port-out-of-range'; readonly port: string }
  | { readonly kind: 'scheme'; readonly scheme: string }
  | { readonly kind: 'no-host' }
  | { readonly kind: 'bad-escape' }
  | { readonly kind: 'has-path' }

/** A proxy variable is set to something that cannot be used: a setting of the workflow, like a bad input. */
export class ProxySettingError extends Error {
  override readonly name = 'ProxySettingError'
  constructor(
    readonly variable: string,
    readonly problem: ProxyProblem
  ) {
    super(`${variable} cannot be used (${problem.kind})`)
  }
}

/**
 * The route for requests to `baseUrl`, and the proxy URL when there is one (from process.env, as http-client reads
 * it: the lowercase variable first, NO_PROXY, loopback always direct). Throws a ProxySettingError for a proxy that
 * cannot be used.
 */
export function routeFor(baseUrl: string): { readonly route: Route; readonly url?: URL } {
  const names = baseUrl.startsWith('https:') ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  const variable = names.find(name => process.env[name])
  if (variable === undefined) {
    const other = (baseUrl.startsWith('https:') ? ['http_proxy', 'HTTP_PROXY'] : ['https_proxy', 'HTTPS_PROXY']).find(
      name => process.env[name]
    )
    return { route: { via: 'direct', why: 'no-proxy-variable', variable: names[1]!, ...(other && { other }) } }
  }
  const target = new URL(baseUrl)
  // http-client decides; bypassEntry only names the entry that made it decide so.
  if (checkBypass(target)) {
    const matched = bypassEntry(target)
    return {
      route: matched ? { via: 'direct', why: 'no-proxy', variable, ...matched } : { via: 'direct', why: 'loopback', variable }
    }
  }
  const parsed = parseProxy(process.env[variable]!)
  if (!(parsed instanceof URL)) throw new ProxySettingError(variable, parsed)
  return { route: { via: 'proxy', proxy: { host: parsed.host, variable } }, url: parsed }
}

/**
 * The NO_PROXY entry that sends `target` direct, matched as http-client's checkBypass matches (`*`, the host, the
 * host:port, a domain suffix), or undefined for a loopback host, which is direct whatever NO_PROXY says.
 */
function bypassEntry(target: URL): { readonly list: string; readonly entry: string } | undefined {
  const host = target.hostname.toUpperCase()
  if (/^(LOCALHOST|127\.|\[::1\]|\[0:0:0:0:0:0:0:1\])/.test(host)) return undefined
  const list = process.env.no_proxy ? 'no_proxy' : 'NO_PROXY'
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  const hosts = [host, `${host}:${port}`]
  const entry = (process.env[list] ?? '')
    .split(',')
    .map(item => item.trim())
    .find(item => {
      const upper = item.toUpperCase()
      return (
        upper !== '' &&
        (upper === '*' || hosts.some(h => h === upper || h.endsWith(`.${upper}`) || (upper.startsWith('.') && h.endsWith(upper))))
      )
    })
  return entry === undefined ? undefined : { list, entry }
}

/** The proxy URL (http:// when no scheme is given, as curl does), or what is wrong with it. */
function parseProxy(value: string): URL | ProxyProblem {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    const port = /:(\d+)\/?$/.exec(withScheme.replace(/^[^@]*@/, ''))
    return port && Number(port[1]) > 65535 ? { kind: 'port-out-of-range', port: port[1]! } : { kind: 'not-url' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'scheme', scheme: url.protocol.slice(0, 20) }
  if (url.hostname === '') return { kind: 'no-host' }
  if (url.port === '0') return { kind: 'port-out-of-range', port: '0' }
  try {
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
  } catch {
    return { kind: 'bad-escape' }
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return { kind: 'has-path' }
  return url
}
