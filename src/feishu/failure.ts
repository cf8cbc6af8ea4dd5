// A failed request as data: which call, what went wrong, and the facts. The words are written once, at the edge, where
// the app, the endpoint and the proxy are known (src/words/failures.ts, called from the steps).
import type { Resource } from './kinds.js'
import type { Endpoint } from './region.js'
import type { ProxyInfo, Route } from './route.js'

/**
 * The requests the action makes; the words and whether a retry can help depend on which one failed. `access`: a
 * resource's read-only call; `edit`: the call that says whether the app may edit it.
 */
export type Call = 'token' | 'scopes' | 'apply' | 'bot' | 'access' | 'edit'

/** What went wrong with one request. */
export type Failure =
  | { readonly kind: 'network'; readonly errno: string }
  /** Reaching the proxy, or the CONNECT exchange with it, failed: `errno` as for 'network', or an HPE_ code. */
  | { readonly kind: 'proxy-network'; readonly errno: string }
  /** The proxy answered CONNECT with a status other than 200. */
  | { readonly kind: 'proxy-refused'; readonly status: number }
  /**
   * `attempt`: one attempt's limit ('attempt-timeout-seconds'); `step`: the whole step's ('timeout-seconds').
   * `atProxy`: the time ran out while the proxy was still opening the tunnel. `notSent`: the step's deadline had
   * passed before the request's turn came (earlier requests, or a check waiting for its kind's rate limit): nothing
   * went out.
   */
  | {
      readonly kind: 'timeout'
      readonly limit: 'attempt' | 'step'
      readonly timeoutMs: number
      /** For `step`: the time the request had left when it was sent (the requests before it used the rest). */
      readonly givenMs?: number
      readonly atProxy?: boolean
      readonly notSent?: boolean
    }
  /** Node's HTTP parser refused the answer; `code` is its HPE_ code. */
  | { readonly kind: 'bad-http'; readonly code: string }
  | { readonly kind: 'redirect'; readonly status: number; readonly location?: string }
  | { readonly kind: 'not-json'; readonly status: number; readonly contentType?: string; readonly bytes: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'too-large'; readonly status: number; readonly limitBytes: number }
  | { readonly kind: 'truncated'; readonly status: number }
  /** A JSON answer with no numeric `code`: not an Open Platform answer. */
  | { readonly kind: 'no-code'; readonly status: number }
  /** Code 0, but a field cannot be used: `detail` says which and why. */
  | { readonly kind: 'malformed'; readonly status: number; readonly detail: string }
  | {
      readonly kind: 'feishu'
      readonly status: number
      readonly code: number
      readonly msg: string
      readonly troubleshooter?: string
      /** The scopes an answer for a missing scope names (any one would do): scope names only. */
      readonly scopes?: readonly string[]
    }

export type FailureKind = Failure['kind']

/** Calls made once and never retried (asking the admin twice would notify twice): advice must not say otherwise. */
export const SENT_ONCE: ReadonlySet<Call> = new Set<Call>(['apply'])

/** Where the requests went, for whom: what the words of a failure need besides the failure itself. */
export interface Context {
  readonly appId: string
  readonly endpoint: Endpoint
  /** The proxy the requests went through, when there was one. */
  readonly proxy?: ProxyInfo
  /** How requests reach the API (direct or through the proxy, and why), for the words of a network failure. */
  readonly route?: Route
}

export interface CallContext extends Context {
  readonly call: Call
  /** The resource an `access` or `edit` call was about. */
  readonly resource?: Resource
}

/** A request that failed: thrown by the Feishu client, retried or not by retry.ts, put into words by src/words/. */
export class RequestError extends Error {
  override readonly name = 'RequestError'
  constructor(
    readonly failure: Failure,
    readonly call: Call,
    readonly logId?: string,
    /** How long the server asked us to wait before trying again. */
    readonly retryAfterMs?: number
  ) {
    super(`The ${call} request failed (${failure.kind})`)
  }
}

/** Whether a request never went out: its turn came after the step's deadline (wire.ts throws this before sending). */
export function wasNotSent(error: unknown): error is RequestError {
  return error instanceof RequestError && error.failure.kind === 'timeout' && error.failure.notSent === true
}
