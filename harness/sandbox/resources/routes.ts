// Which resource call a request is: its method and path, and the resource's id from the path (or the query).
import { decodeSegment, parseTarget } from '../target.js'
import type { ResourceCall } from './model.js'

/** One of the resource calls, with the id from its path (or query), `null` when the path's escapes do not decode. */
export interface ResourceRequest {
  call: ResourceCall
  id: string | null
  query: URLSearchParams
  body: string
}

// The path of each call; `([^/]+)` is the resource's id, percent-encoded as a path segment.
const ROUTES: ReadonlyArray<[method: string, path: RegExp, call: ResourceCall]> = [
  ['GET', /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members\/is_in_chat$/, 'chat'],
  ['GET', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)$/, 'base'],
  ['GET', /^\/open-apis\/docx\/v1\/documents\/([^/]+)$/, 'docx'],
  ['GET', /^\/open-apis\/sheets\/v3\/spreadsheets\/([^/]+)$/, 'sheets'],
  // Before the space's path, which would take get_node for a space_id.
  ['GET', /^\/open-apis\/wiki\/v2\/spaces\/get_node$/, 'wikiNode'],
  ['GET', /^\/open-apis\/wiki\/v2\/spaces\/([^/]+)$/, 'wikiSpace'],
  ['POST', /^\/open-apis\/drive\/v1\/metas\/batch_query$/, 'folder'],
  ['GET', /^\/open-apis\/calendar\/v4\/calendars\/([^/]+)$/, 'calendar'],
  ['GET', /^\/open-apis\/drive\/v1\/permissions\/([^/]+)\/members\/auth$/, 'permissionAuth']
]

/** The resource call a request is, or undefined for any other request. */
export function resourceRequest(method: string, target: string, body: string): ResourceRequest | undefined {
  const url = parseTarget(target)
  if (!url) return undefined
  for (const [routeMethod, path, call] of ROUTES) {
    const match = method === routeMethod ? path.exec(url.pathname) : null
    if (!match) continue
    const segment = match[1]
    const id = segment === undefined ? (url.searchParams.get('token') ?? '') : decodeSegment(segment)
    return { call, id, query: url.searchParams, body }
  }
  return undefined
}
