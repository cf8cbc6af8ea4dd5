// How requests reach the API: one kept-alive connection, direct or through one kept-alive CONNECT tunnel of an
// HTTP(S) proxy, on the networks our users are on (cross-border links that stall, corporate proxies). Which way they
// go, and why: route.ts.
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
import type { IncomingMessage } from 'node:http'
import { type Route, routeFor } from './route.js'

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

/**
 * The HTTP client of a run, for requests to `baseUrl` (which every request of a run goes to). Throws a
 * ProxySettingError for a proxy variable that cannot be used.
 */
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
