// One request and its answer, as the Open Platform speaks: a time limit per attempt, a body cap, the JSON body parsed
// whatever the status, server text redacted as it arrives, and every way it can go wrong as a RequestError (data, not
// words). The calls themselves are client.ts's.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { type Call, type Failure, RequestError } from './failure.js'
import { isRecord } from './kinds.js'
import { isScopeName } from './scopes.js'
import { printable } from '../output/text.js'
import { type HttpLike, ProxyRefused, ProxyUnreachable } from './transport.js'

export const MAX_BODY_BYTES = 1024 * 1024
/** An answer for a missing scope names a few; more than this is not a list of scopes to show. */
const MAX_NAMED_SCOPES = 20

export interface SenderOptions {
  readonly baseUrl: string
  /** The step's whole time budget ('timeout-seconds'), for the words of a timeout. */
  readonly stepTimeoutMs: number
  /** One attempt that has not had its whole answer by then is dropped (a stalled link gives no other sign). */
  readonly attemptTimeoutMs?: number
}

export interface WireTools {
  readonly debug: (message: string) => void
  /** Takes the run's secrets out of server text as it arrives, before anything shortens or escapes it. */
  readonly redact: (text: string) => string
  readonly redactDeep: (value: unknown) => unknown
  /** A failure in a few words, for the debug line of a failed request (src/words/failures.ts). */
  readonly describe: (failure: Failure) => string
  readonly now: () => number
  /** Told of each request as it goes out: every one counts against the tenant's monthly quota. */
  readonly onAnswer?: () => void
}

/** An answer with code 0, and the means to refuse its fields. */
export interface Answered {
  readonly status: number
  readonly json: Record<string, unknown>
  readonly logId?: string
  /** The error for an answer with code 0 whose fields cannot be used. */
  malformed(detail: string): RequestError
}

export interface Request {
  readonly call: Call
  readonly verb: string
  /** The path and query, after the base URL. */
  readonly path: string
  readonly body?: string | null
  readonly headers: Record<string, string>
  /** What is left of the step's deadline; one attempt also stops at the attempt limit. */
  readonly remainingMs: number
  /** Runs on the parsed answer before any line about it is written: where a secret in it is masked. */
  readonly onParsed?: (json: Record<string, unknown>) => void
}

/**
 * Whether a request had noticeably less than the step's whole time (earlier attempts or checks used it): then its
 * timeout says how much it had. The few milliseconds before the first request are not worth saying.
 */
const shortened = (remainingMs: number, stepTimeoutMs: number) => remainingMs < stepTimeoutMs * 0.9

/** Sends one request on the run's HttpClient and resolves with its answer (code 0), or throws a RequestError. */
export type Send = (request: Request) => Promise<Answered>

export function createSender(http: HttpLike, options: SenderOptions, tools: WireTools): Send {
  const { baseUrl, stepTimeoutMs, attemptTimeoutMs = Infinity } = options
  const { debug, now, describe } = tools
  return async ({ call, verb, path, body = null, headers, remainingMs, onParsed }) => {
    const url = `${baseUrl}${path}`
    if (remainingMs <= 0) throw new RequestError({ kind: 'timeout', limit: 'step', timeoutMs: stepTimeoutMs, notSent: true }, call)
    const startedAt = now()
    const byAttempt = attemptTimeoutMs < remainingMs
    const timedOut = (atProxy: boolean): RequestError =>
      new RequestError(
        {
          kind: 'timeout',
          ...(byAttempt
            ? { limit: 'attempt', timeoutMs: attemptTimeoutMs }
            : { limit: 'step', timeoutMs: stepTimeoutMs, ...(shortened(remainingMs, stepTimeoutMs) && { givenMs: remainingMs }) }),
          ...(atProxy && { atProxy })
        },
        call
      )
    try {
      const answer = await withTimeout(Math.min(remainingMs, attemptTimeoutMs), timedOut, () =>
        exchange(http, verb, url, body, headers, call, tools)
      )
      onParsed?.(answer.json)
      // Redacted again, now that a secret of this answer is known, before the log id is cut to length.
      const logId = logIdOf(redactHeaders(answer.headers, tools.redact))
      debug(`${verb} ${url}: HTTP ${answer.status}, code ${String(answer.json.code)}, ${now() - startedAt} ms, log id ${logId ?? 'none'}`)
      const malformed = (detail: string) => new RequestError({ kind: 'malformed', status: answer.status, detail }, call, logId)
      return { status: answer.status, json: answer.json, logId, malformed }
    } catch (error) {
      if (error instanceof RequestError) {
        debug(`${verb} ${url}: failed, ${describe(error.failure)}, ${now() - startedAt} ms, log id ${error.logId ?? 'none'}`)
      }
      throw error
    }
  }
}

interface Answer {
  readonly status: number
  readonly json: Record<string, unknown>
  /** Redacted as they arrived; redacted again before anything is cut from them. */
  readonly headers: IncomingHttpHeaders
}

/** Work under way, and the means to drop it. */
interface Started<T> {
  readonly done: Promise<T>
  readonly abandon: () => { readonly openingTunnel: boolean }
}

/**
 * One request and its answer, with the means to drop it. The JSON body is parsed whatever the status (Feishu
 * answers errors with 200 or 400 and a code); a redirect is an error and is never followed.
 */
function exchange(
  http: HttpLike,
  verb: string,
  url: string,
  body: string | null,
  headers: Record<string, string>,
  call: Call,
  tools: WireTools
): Started<Answer> {
  const started = http.request(verb, url, body, headers)
  return { abandon: started.abandon, done: receive(started.answer, call, tools) }
}

async function receive(
  answer: Promise<{ message: IncomingMessage }>,
  call: Call,
  { redact, redactDeep, now, onAnswer }: WireTools
): Promise<Answer> {
  let message: IncomingMessage
  try {
    ;({ message } = await answer)
  } catch (error) {
    throw new RequestError(requestFailure(error), call)
  }
  // The server answered: the request reached it (what never did, such as a refused connection, is not counted).
  onAnswer?.()
  const status = message.statusCode ?? 0
  // Server text is redacted here, as it arrives: everything after may cut or escape it.
  const answered = redactHeaders(message.headers, redact)
  const logId = logIdOf(answered)
  const retryAfterMs = retryAfterOf(answered, now)
  const fail = (failure: Failure): never => {
    throw new RequestError(failure, call, logId, retryAfterMs)
  }

  if (status >= 300 && status < 400) {
    message.resume()
    fail({ kind: 'redirect', status, location: answered.location })
  }
  const read = await readCapped(message, MAX_BODY_BYTES)
  if (read === 'too-large') return fail({ kind: 'too-large', status, limitBytes: MAX_BODY_BYTES })
  if (read === 'truncated') return fail({ kind: 'truncated', status })

  let json: unknown
  try {
    json = redactDeep(JSON.parse(read.toString('utf8')))
  } catch {
    json = undefined
  }
  if (!isRecord(json)) return fail({ kind: 'not-json', status, contentType: answered['content-type'], bytes: read.length })
  const code = json.code
  if (typeof code === 'number' && code !== 0) throw feishuError(json, code, status, call, logId, retryAfterMs)
  if (status < 200 || status >= 300) return fail({ kind: 'http', status })
  if (code !== 0) return fail({ kind: 'no-code', status })
  return { status, json, headers: answered }
}

/** An Open Platform error answer (a non-zero `code`) as a RequestError: its code, msg and what else it names. */
function feishuError(
  json: Record<string, unknown>,
  code: number,
  status: number,
  call: Call,
  logId: string | undefined,
  retryAfterMs: number | undefined
): RequestError {
  const msg = typeof json.msg === 'string' ? json.msg : ''
  const error = isRecord(json.error) ? json.error : {}
  const troubleshooter = typeof error.troubleshooter === 'string' ? error.troubleshooter : undefined
  const bodyLogId = typeof error.log_id === 'string' ? error.log_id : undefined
  const scopes = scopesNamed(json, msg)
  return new RequestError(
    {
      kind: 'feishu',
      status,
      code,
      msg,
      ...(troubleshooter && { troubleshooter: printable(troubleshooter) }),
      ...(scopes && { scopes })
    },
    call,
    logId ?? (bodyLogId && printable(bodyLogId)),
    retryAfterMs
  )
}

/** The scope names an answer for a missing scope gives: `error.permission_violations[].subject`, or the list in its msg. */
function scopesNamed(json: Record<string, unknown>, msg: string): string[] | undefined {
  const violations = isRecord(json.error) && Array.isArray(json.error.permission_violations) ? json.error.permission_violations : []
  const subjects = violations.flatMap(item => (isRecord(item) && typeof item.subject === 'string' ? [item.subject] : []))
  const listed = subjects.length > 0 ? subjects : (/\[([^\]]*)\]/.exec(msg)?.[1]?.split(/[\s,]+/) ?? [])
  const scopes = [...new Set(listed.filter(isScopeName))].slice(0, MAX_NAMED_SCOPES)
  return scopes.length > 0 ? scopes : undefined
}

/** Reads the body, stopping past `limit` bytes; tells a connection closed mid-body from a whole one. */
function readCapped(message: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'truncated'> {
  return new Promise(resolve => {
    const chunks: Buffer[] = []
    let size = 0
    const settle = (result: Buffer | 'too-large' | 'truncated'): void => {
      message.removeAllListeners('data')
      resolve(result)
    }
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        message.destroy()
        settle('too-large')
      } else {
        chunks.push(chunk)
      }
    })
    message.on('end', () => settle(message.complete ? Buffer.concat(chunks) : 'truncated'))
    message.on('error', () => settle('truncated'))
    message.on('close', () => settle(size > limit ? 'too-large' : message.complete ? Buffer.concat(chunks) : 'truncated'))
  })
}

/**
 * One time limit for the request and its body. On expiry its own connection is dropped, and only its own: other
 * requests in flight on the run's agent go on. `timedOut` learns whether a proxy was still opening the tunnel.
 * `timeoutMs` is above 0: the sender sends nothing once the deadline has passed.
 */
async function withTimeout<T>(timeoutMs: number, timedOut: (atProxy: boolean) => RequestError, start: () => Started<T>): Promise<T> {
  const { done, abandon } = start()
  let timer: NodeJS.Timeout | undefined
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const { openingTunnel } = abandon()
      reject(timedOut(openingTunnel))
    }, timeoutMs)
  })
  try {
    return await Promise.race([done, expiry])
  } finally {
    clearTimeout(timer)
    done.catch(() => undefined)
  }
}

/** What a request that got no answer ran into. */
function requestFailure(error: unknown): Failure {
  if (error instanceof ProxyRefused) return { kind: 'proxy-refused', status: error.status }
  // On the way to the proxy or in the CONNECT exchange: the proxy's fault, or its setting's, not the API server's.
  if (error instanceof ProxyUnreachable) return { kind: 'proxy-network', errno: errnoOf(error.cause) }
  const errno = errnoOf(error)
  // Node's HTTP parser refused the answer (headers over its limit, conflicting Content-Length...): the
  // server spoke, but not valid HTTP.
  if (errno.startsWith('HPE_')) return { kind: 'bad-http', code: errno }
  return { kind: 'network', errno }
}

function errnoOf(error: unknown): string {
  if (isRecord(error) && typeof error.code === 'string') return error.code
  const message = error instanceof Error ? error.message : ''
  if (/socket hang up/i.test(message)) return 'ECONNRESET'
  if (/timeout/i.test(message)) return 'ETIMEDOUT'
  return 'UNKNOWN'
}

function redactHeaders(headers: IncomingHttpHeaders, redact: (text: string) => string): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(redact) : redact(value)
  }
  return out
}

function logIdOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['x-tt-logid'] ?? headers['x-request-id']
  const first = Array.isArray(value) ? value[0] : value
  return first ? printable(first) : undefined
}

/** x-ogw-ratelimit-reset and Retry-After are seconds; Retry-After may also be an HTTP date. */
function retryAfterOf(headers: IncomingHttpHeaders, now: () => number): number | undefined {
  const reset = Number(headers['x-ogw-ratelimit-reset'])
  if (headers['x-ogw-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset >= 0) return reset * 1000
  const retryAfter = headers['retry-after']
  if (retryAfter === undefined) return undefined
  const seconds = Number(retryAfter)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(retryAfter)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now())
}
