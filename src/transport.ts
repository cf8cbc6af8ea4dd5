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

/** The part of @actions/http-client's HttpClient the Feishu client uses. */
export interface HttpLike {
  request(verb: string, url: string, data: string | null, headers: Record<string, string>): Promise<{ message: IncomingMessage }>
  /**
   * Drops the connection of a request given up on (a stall); the client stays usable, the retry connects anew.
   * Says whether a proxy was still opening the tunnel: then the proxy stalled, not the server.
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

/** The HTTP client of a run: one kept-alive connection, or one kept-alive tunnel through a proxy. */
export interface Transport {
  readonly http: HttpLike
  readonly proxy?: ProxyInfo
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
 * The proxy for requests to `baseUrl`, or undefined to go direct: http-client's rules (the lowercase variable
 * first, NO_PROXY, loopback always direct), but a setting that cannot be used is an error that names the
 * variable, where http-client would quietly go direct or fail with something unrelated.
 */
export function proxyFor(baseUrl: string): { readonly url: URL; readonly variable: string } | undefined {
  const names = baseUrl.startsWith('https:') ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  // process.env, as http-client reads it.
  const variable = names.find(name => process.env[name])
  if (variable === undefined || checkBypass(new URL(baseUrl))) return undefined
  const parsed = parseProxy(process.env[variable]!)
  if (typeof parsed === 'string') {
    throw new InputError(
      `Environment variable '${variable}' is set, but the proxy in it cannot be used: ${parsed}. ` +
        'Set it to an HTTP(S) proxy URL such as http://proxy.example.com:3128 (credentials as http://user:password@host:port, ' +
        'percent-encoded), or unset it; list hosts that must go direct in NO_PROXY.'
    )
  }
  return { url: parsed, variable }
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

interface Tracked {
  /** Destroys every connection, and every tunnel being opened; the agent can still make new ones. */
  abandon(): { readonly openingTunnel: boolean }
}

/** The one agent of a run, direct: kept alive, and able to drop what it has in flight. */
function directAgent(secure: boolean): http.Agent & Tracked {
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true })
  return Object.assign(agent, {
    abandon: () => {
      agent.destroy()
      return { openingTunnel: false }
    }
  })
}

/** HTTPS through a CONNECT tunnel that stays open for the next request (what `tunnel` does not do). */
class TunnelAgent extends https.Agent implements Tracked {
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
    this.#opening.add(request)
    let settled = false
    const settle = (error: Error | null, socket?: Duplex): void => {
      this.#opening.delete(request)
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

  abandon(): { readonly openingTunnel: boolean } {
    const openingTunnel = this.#opening.size > 0
    for (const request of this.#opening) request.destroy()
    this.destroy()
    return { openingTunnel }
  }
}

/** The HTTP client of a run, for requests to `baseUrl` (which every request of a run goes to). */
export function openTransport(baseUrl: string): Transport {
  const proxy = proxyFor(baseUrl)
  const agent = proxy ? new TunnelAgent(proxy.url) : directAgent(baseUrl.startsWith('https:'))
  const client = new HttpClient(
    USER_AGENT,
    [
      {
        prepareRequest(options) {
          options.agent = agent
          // http-client passes an IPv6 literal with its brackets, which Node would look up as a host name.
          if (options.host?.startsWith('[')) options.host = options.host.slice(1, -1)
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not supported'))
      }
    ],
    // Redirects are errors (the secret must not reach another host) and retries are ours, with a deadline.
    { keepAlive: true, allowRedirects: false, allowRetries: false }
  )
  return {
    http: { request: (verb, url, data, headers) => client.request(verb, url, data, headers), abandon: () => agent.abandon() },
    ...(proxy && { proxy: { host: proxy.url.host, variable: proxy.variable } }),
    dispose: () => {
      agent.abandon()
      client.dispose()
    }
  }
}
