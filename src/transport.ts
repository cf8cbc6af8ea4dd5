// How requests reach the API: one kept-alive connection, direct or through one kept-alive CONNECT tunnel of an
// HTTP(S) proxy, on the networks our users are on (cross-border links that stall, corporate proxies).
//
// @actions/http-client still sends every request and decides, by its own rules (HTTPS_PROXY, NO_PROXY, loopback
// always direct), whether a proxy is used. Its own proxy agent (`tunnel`) opens a new tunnel per request, so a
// request handler swaps in the agent below, which keeps its tunnel alive. It is ours, not a library's: the one
// well-kept candidate, https-proxy-agent, still opened a tunnel per request and added 25-32 ms to start-up
// (bench/tunnel.ts), an agent we own is one whose in-flight sockets we can destroy, and Node's own proxy support
// is missing from the Node 24 of the oldest supported runner (shims/README.md).
import http from 'node:http'
import https from 'node:https'
import { isIPv6 } from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'
import { HttpClient } from '@actions/http-client'
import { checkBypass } from '@actions/http-client/lib/proxy'
import type { IncomingMessage } from 'node:http'
import { InputError } from './inputs.js'
import { quote } from './text.js'

/** The part of @actions/http-client's HttpClient the Feishu client uses. */
export interface HttpLike {
  /** Starts one request on the run's agent; several may be in flight at once. */
  request(verb: string, url: string, data: string | null, headers: Record<string, string>): Exchange
}

/** One request in flight. */
export interface Exchange {
  readonly answer: Promise<{ message: IncomingMessage }>
  /**
   * Drops this request's connection (a stall), and the tunnel a proxy is still opening for it; every other request
   * in flight, and the client, go on. Says whether a proxy was still opening the tunnel: then the proxy stalled.
   */
  abandon(): { readonly openingTunnel: boolean }
}

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

/** The HTTP client of a run: one kept-alive agent, direct or through kept-alive tunnels of a proxy. */
export interface Transport {
  readonly http: HttpLike
  readonly route: Route
  /** Closes every connection; the transport is not used again. */
  dispose(): void
}

/** The proxy answered CONNECT with a status other than 200. */
export class ProxyRefused extends Error {
  override readonly name = 'ProxyRefused'
  constructor(readonly status: number) {
    super(`The proxy answered ${status} to CONNECT`)
  }
}

/** The proxy could not be reached, or the CONNECT exchange with it failed (`cause`: Node's error, with its code). */
export class ProxyUnreachable extends Error {
  override readonly name = 'ProxyUnreachable'
  constructor(override readonly cause: unknown) {
    super('The proxy could not open a tunnel')
  }
}

const USER_AGENT = 'feishu-tenant-token-action'

/**
 * The route for requests to `baseUrl`, and the proxy URL when there is one: http-client's rules (the lowercase
 * variable first, NO_PROXY, loopback always direct), but a setting that cannot be used is an error that names the
 * variable, where http-client would quietly go direct or fail with something unrelated.
 */
export function routeFor(baseUrl: string): { readonly route: Route; readonly url?: URL } {
  const names = baseUrl.startsWith('https:') ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  // process.env, as http-client reads it.
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
  if (typeof parsed === 'string') {
    throw new InputError(
      `Environment variable '${variable}' is set, but the proxy in it cannot be used: ${parsed}. ` +
        'Set it to an HTTP(S) proxy URL such as http://proxy.example.com:3128 (credentials as http://user:password@host:port, ' +
        'percent-encoded), or unset it; list hosts that must go direct in NO_PROXY.'
    )
  }
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

/** The proxy URL (http:// when no scheme is given, as curl does), or what is wrong with it. Never repeats the value. */
function parseProxy(value: string): URL | string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    const port = /:(\d+)\/?$/.exec(withScheme.replace(/^[^@]*@/, ''))
    if (port && Number(port[1]) > 65535) return `its port ${port[1]} is out of range (1-65535)`
    return 'it is not a URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `its scheme is ${url.protocol.slice(0, 20)}, but only HTTP(S) proxies (CONNECT) are supported`
  if (url.hostname === '') return 'it has no host'
  if (url.port === '0') return 'its port 0 is out of range (1-65535)'
  try {
    decodeURIComponent(url.username)
    decodeURIComponent(url.password)
  } catch {
    return 'its user name or password has a bad percent-escape (a % not followed by two hex digits)'
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    return 'it has a path, query or fragment: give only the scheme, host and port'
  return url
}

/**
 * What the agent learns of the request it connects: set on the request's options, which Node hands on to
 * `createConnection`. Its signal drops the request and its connection; `opening` holds the CONNECT requests opening
 * a tunnel for it.
 */
const ATTEMPT = Symbol('attempt')
interface Attempt {
  readonly controller: AbortController
  readonly opening: Set<http.ClientRequest>
}

/** HTTPS through a CONNECT tunnel that stays open for the next request (what `tunnel` does not do). */
class TunnelAgent extends https.Agent {
  readonly #proxy: URL
  readonly #opening = new Set<http.ClientRequest>()

  constructor(proxy: URL) {
    super({ keepAlive: true })
    this.#proxy = proxy
  }

  // Node's Agent calls this for each new connection, and waits for the callback when nothing is returned.
  override createConnection(options: tls.ConnectionOptions, callback: (error: Error | null, socket?: Duplex) => void): undefined {
    const host = options.host ?? 'localhost'
    const authority = `${isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`
    const proxy = this.#proxy
    const { username, password } = proxy
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      agent: false,
      headers: {
        host: authority,
        ...((username || password) && {
          'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')}`
        })
      }
    })
    const attempt = (options as { [ATTEMPT]?: Attempt })[ATTEMPT]
    this.#opening.add(request)
    attempt?.opening.add(request)
    let settled = false
    const settle = (error: Error | null, socket?: Duplex): void => {
      this.#opening.delete(request)
      attempt?.opening.delete(request)
      if (settled) return
      settled = true
      callback(error, socket)
    }
    request.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy()
        return settle(new ProxyRefused(response.statusCode ?? 0))
      }
      settle(null, tls.connect({ ...options, socket }))
    })
    request.once('error', error => settle(new ProxyUnreachable(error)))
    request.once('close', () =>
      settle(
        new ProxyUnreachable(Object.assign(new Error('The proxy closed the connection before the tunnel was open'), { code: 'ECONNRESET' }))
      )
    )
    request.end()
    return undefined
  }

  /** Closes every connection and every tunnel being opened. */
  close(): void {
    for (const request of this.#opening) request.destroy()
    this.destroy()
  }
}

/** The HTTP client of a run, for requests to `baseUrl` (which every request of a run goes to). */
export function openTransport(baseUrl: string): Transport {
  const { route, url: proxyUrl } = routeFor(baseUrl)
  const agent = proxyUrl ? new TunnelAgent(proxyUrl) : new (baseUrl.startsWith('https:') ? https : http).Agent({ keepAlive: true })
  // http-client builds a request's options and hands them to Node within its own synchronous start, so the attempt
  // being started is the one its handler sees.
  let starting: Attempt | undefined
  const client = new HttpClient(
    USER_AGENT,
    [
      {
        prepareRequest(options) {
          options.agent = agent
          // http-client passes an IPv6 literal with its brackets, which Node would look up as a host name.
          if (options.host?.startsWith('[')) options.host = options.host.slice(1, -1)
          if (starting) Object.assign(options, { signal: starting.controller.signal, [ATTEMPT]: starting })
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not supported'))
      }
    ],
    // Redirects are errors (the secret must not reach another host) and retries are ours, with a deadline.
    { keepAlive: true, allowRedirects: false, allowRetries: false }
  )
  const request = (verb: string, url: string, data: string | null, headers: Record<string, string>): Exchange => {
    const attempt: Attempt = { controller: new AbortController(), opening: new Set() }
    starting = attempt
    let answer: Promise<{ message: IncomingMessage }>
    try {
      answer = client.request(verb, url, data, headers)
    } finally {
      starting = undefined
    }
    return {
      answer,
      abandon: () => {
        const openingTunnel = attempt.opening.size > 0
        for (const connect of attempt.opening) connect.destroy()
        attempt.controller.abort()
        return { openingTunnel }
      }
    }
  }
  return {
    http: { request },
    route,
    dispose: () => {
      if (agent instanceof TunnelAgent) agent.close()
      else agent.destroy()
      client.dispose()
    }
  }
}
