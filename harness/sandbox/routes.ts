// The normal behaviour of the sandbox, once no fault took the request: the sandbox-wide rate limit, then the first
// route below that takes the request (their order is the order they are tried in), else a 404.
import { consolePage, consoleRequest } from './console.js'
import { applyEndpoint, botEndpoint, messagesEndpoint, resourceEndpoint, scopesEndpoint, tokenEndpoint } from './endpoints.js'
import { type Exchange, notFound, tooManyRequests } from './exchange.js'
import { resourceRequest } from './resources/routes.js'
import type { SandboxState } from './state.js'

/** The endpoint that answers a request, bound to it, or undefined when the request is not this route's. */
type Route = (exchange: Exchange) => ((state: SandboxState) => void) | undefined

/** A route for one method and one exact target. */
const exact =
  (method: string, path: string, endpoint: (state: SandboxState, exchange: Exchange) => void): Route =>
  exchange =>
    exchange.path === path && exchange.req.method === method ? state => endpoint(state, exchange) : undefined

const ROUTES: readonly Route[] = [
  exact('POST', '/open-apis/auth/v3/tenant_access_token/internal', tokenEndpoint),
  exact('GET', '/open-apis/application/v6/scopes', scopesEndpoint),
  exact('POST', '/open-apis/application/v6/scopes/apply', applyEndpoint),
  exact('GET', '/open-apis/bot/v3/info', botEndpoint),
  // Its query (receive_id_type) is part of the target.
  exchange =>
    exchange.path.startsWith('/open-apis/im/v1/messages?') && exchange.req.method === 'POST'
      ? state => messagesEndpoint(state, exchange)
      : undefined,
  exchange => {
    const request = resourceRequest(exchange.req.method ?? '', exchange.path, exchange.body)
    return request && (state => resourceEndpoint(state, exchange, request))
  },
  exchange => {
    const request = consoleRequest(exchange.req.method, exchange.path)
    return request && (state => consolePage(exchange.res, request, state.apps.get(request.appId)))
  }
]

/** Answers a request as the sandbox does when no fault takes it. */
export function answer(state: SandboxState, exchange: Exchange): void {
  const over = state.rateLimit()
  if (over) return tooManyRequests(exchange.res, over)
  for (const route of ROUTES) {
    const endpoint = route(exchange)
    if (endpoint) return endpoint(state)
  }
  notFound(exchange.res)
}
