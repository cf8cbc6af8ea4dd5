// What a user writes for a call, resolved to the catalogue's calls: `METHOD path-or-URL`, a path or URL alone, or
// a name (operationId or an SDK's dotted name). Data only: the caller words the result.
import type { Call, Catalogue, OtherCall, TenantCall } from './catalogue.js'
import { callsNamed, callsNamedNear, isCallName } from './names.js'
import { callsAt, callsNear, segmentsOf } from './paths.js'

/** How the call was written: a path or template (with or without a method), a full URL, or a name. */
export type Form = 'path' | 'url' | 'name'

export type Resolution =
  /** One call, and it accepts a tenant token. */
  | { readonly kind: 'call'; readonly call: TenantCall }
  /** One call, which does not accept a tenant token: `call.tokens` says which it does (none for the token calls). */
  | { readonly kind: 'not-tenant'; readonly call: OtherCall }
  /** The path is a call's, but not with this method: `calls` are the ones at that path, with theirs. */
  | { readonly kind: 'wrong-method'; readonly method: string; readonly calls: readonly Call[] }
  /** Several calls fit (a path without a method, a name that fits several operationIds): the user should pick. */
  | { readonly kind: 'ambiguous'; readonly calls: readonly Call[] }
  /** No call fits: up to 3 near ones, nearest first, possibly none. */
  | { readonly kind: 'unknown'; readonly nearest: readonly Call[] }

export type Match =
  | (Resolution & {
      readonly form: Form
      /** The URL's host (and port) as given, lowercased, without a user name or password: for the region check. */
      readonly host?: string
    })
  /** Empty, more than two words, or words that are no form of a call. */
  | { readonly kind: 'unreadable' }

/** Scheme, user information (left out: up to the authority's last `@`), host and port, path, query or fragment. */
const URL_FORM = /^https?:\/\/(?:[^/?#\s]*@)?([^/?#\s@]+)(\/[^?#]*)?(?:[?#].*)?$/i
const PATH_FORM = /^(\/[^?#]*)(?:[?#].*)?$/

/**
 * Takes a catalogue and one line naming a call, gives what it names. For example `POST /open-apis/im/v1/messages`,
 * `GET /open-apis/im/v1/chats/:chat_id/members/is_in_chat`, `POST https://open.feishu.cn/open-apis/im/v1/messages?
 * receive_id_type=chat_id`, `im_message_create`, `im.v1.message.create`. The method is read in any case; query and
 * fragment are ignored. Never throws.
 */
export function matchCall(catalogue: Catalogue, line: string): Match {
  const words = line.trim().split(/\s+/)
  if (words.length === 1 && isCallName(words[0]!)) return { form: 'name', ...byName(catalogue, words[0]!) }
  const [method, target] = words.length === 2 ? [words[0]!.toUpperCase(), words[1]!] : [undefined, words[0]!]
  if (words.length > 2 || (method !== undefined && !/^[A-Z]+$/.test(method))) return { kind: 'unreadable' }
  const url = URL_FORM.exec(target)
  if (url) return { form: 'url', host: url[1]!.toLowerCase(), ...byPath(catalogue, url[2] ?? '/', method) }
  const path = PATH_FORM.exec(target)
  if (path) return { form: 'path', ...byPath(catalogue, path[1]!, method) }
  return { kind: 'unreadable' }
}

const one = (call: Call): Resolution => (call.tenant ? { kind: 'call', call } : { kind: 'not-tenant', call })

function byName(catalogue: Catalogue, name: string): Resolution {
  const calls = callsNamed(catalogue, name)
  if (calls.length === 0) return { kind: 'unknown', nearest: callsNamedNear(catalogue, name) }
  return calls.length === 1 ? one(calls[0]!) : { kind: 'ambiguous', calls }
}

function byPath(catalogue: Catalogue, path: string, method: string | undefined): Resolution {
  const segments = segmentsOf(path)
  const groups = callsAt(catalogue, segments)
  if (groups.length === 0) return { kind: 'unknown', nearest: callsNear(catalogue, segments, method) }
  // Without a method, the calls of the most specific template: one is the answer, several are the user's to pick.
  if (method === undefined) return groups[0]!.length === 1 ? one(groups[0]![0]!) : { kind: 'ambiguous', calls: groups[0]! }
  const all = groups.flat()
  const call = all.find(candidate => candidate.method === method)
  if (call) return one(call)
  // Each method once, with its most specific template: the calls this URL can be.
  return { kind: 'wrong-method', method, calls: all.filter((candidate, i) => all.findIndex(c => c.method === candidate.method) === i) }
}
