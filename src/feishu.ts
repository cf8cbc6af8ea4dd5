// The Feishu/Lark Open Platform client: one function per call (docs/feishu.md has the calls and their answers),
// a body cap, parsing, and redaction of server text as it arrives. It throws RequestErrors: data, not words.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { shortFailure } from './errors.js'
import { type Call, type Failure, RequestError } from './failure.js'
import type { EditCheck } from './resources.js'
import { type ListedScope, isScopeName } from './scopes.js'
import { printable } from './text.js'
import { type HttpLike, ProxyRefused, ProxyUnreachable } from './transport.js'

export const MAX_BODY_BYTES = 1024 * 1024
/** JWT tokens from newer endpoints pass 4 KB; far more than this is not a token. */
export const MAX_TOKEN_CHARS = 32 * 1024
/**
 * Tenant tokens are dozens of characters (`t-` and 40 more; JWTs far longer). A shorter value is no token, and
 * masking it would star out that string in every later line of the job (a token of `e` hides every e).
 */
export const MIN_TOKEN_CHARS = 16
/** Tenant tokens live 2 hours; a private deployment may differ, but not by years. */
export const MAX_EXPIRE_SECONDS = 30 * 24 * 3600
/** A Bearer token (RFC 6750's b64token): nothing a shell, a URL or a header would read as anything but text. */
const TOKEN_SHAPE = /^[A-Za-z0-9\-._~+/]+=*$/
const isToken = (value: string): boolean => value.length >= MIN_TOKEN_CHARS && value.length <= MAX_TOKEN_CHARS && TOKEN_SHAPE.test(value)
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'
const SCOPES_PATH = '/open-apis/application/v6/scopes'
const APPLY_PATH = '/open-apis/application/v6/scopes/apply'
const BOT_PATH = '/open-apis/bot/v3/info'
/** A bot's open_id: `ou_` and lowercase letters and digits (hex in every answer seen). */
const OPEN_ID = /^ou_[a-z0-9]{1,64}$/
/** App names are short labels in the console; far longer text is not an app name. */
const MAX_APP_NAME_CHARS = 200
/** An answer for a missing scope names a few; more than this is not a list of scopes to show. */
const MAX_NAMED_SCOPES = 20
/** A calendar's roles for the app (calendar/v4/calendars/:id, `role`): all but free_busy_reader can read events. */
export const CALENDAR_ROLES = ['free_busy_reader', 'reader', 'writer', 'owner'] as const
export type CalendarRole = (typeof CALENDAR_ROLES)[number]

export interface TenantToken {
  readonly token: string
  /** Remaining lifetime in seconds, as Feishu reported it. */
  readonly expiresIn: number
  readonly logId?: string
}

export interface ScopeList {
  readonly scopes: ListedScope[]
  readonly logId?: string
}

/** What bot/v3/info says of the app's bot. Its `ip_white_list` (the company's egress addresses) is never read. */
export interface BotInfo {
  /** The app's state in the tenant: 2 is enabled, the only usable state. */
  readonly activateStatus: number
  /** Free text from the console (at most MAX_APP_NAME_CHARS), as sent: absent when the answer has none. */
  readonly appName?: string
  /** Set, and shaped like an open_id, when the app is enabled. */
  readonly openId?: string
  readonly logId?: string
}

interface Answer {
  readonly status: number
  readonly json: Record<string, unknown>
  /** Redacted as they arrived; redacted again before anything is cut from them. */
  readonly headers: IncomingHttpHeaders
}

interface CheckedAnswer extends Omit<Answer, 'headers'> {
  readonly logId?: string
  /** The error for an answer with code 0 whose fields cannot be used. */
  malformed(detail: string): RequestError
}

export interface FeishuClient {
  /** `remainingMs`: what is left of the step's deadline; one attempt also stops at the attempt limit. */
  tenantToken(appSecret: string, remainingMs: number): Promise<TenantToken>
  scopes(token: string, remainingMs: number): Promise<ScopeList>
  /** Asks the tenant admin to approve every scope of the app that awaits review (it cannot pick scopes). */
  requestApproval(token: string, remainingMs: number): Promise<{ readonly logId?: string }>
  botInfo(token: string, remainingMs: number): Promise<BotInfo>
  /** Whether the app's bot is in the chat (im/v1/chats/:chat_id/members/is_in_chat). */
  isInChat(token: string, chatId: string, remainingMs: number): Promise<Said<boolean>>
  /** Resolve when the app can read the Base, document, spreadsheet, wiki page, wiki space or Drive folder. */
  base(token: string, appToken: string, remainingMs: number): Promise<void>
  document(token: string, documentId: string, remainingMs: number): Promise<void>
  spreadsheet(token: string, spreadsheetToken: string, remainingMs: number): Promise<void>
  wikiNode(token: string, nodeToken: string, remainingMs: number): Promise<void>
  wikiSpace(token: string, spaceId: string, remainingMs: number): Promise<void>
  /** A folder the app cannot see throws its `failed_list` code as a Feishu error. */
  folder(token: string, folderToken: string, remainingMs: number): Promise<void>
  /** The app's role on the calendar. */
  calendarRole(token: string, calendarId: string, remainingMs: number): Promise<Said<CalendarRole>>
  /** Whether the app may edit the document, spreadsheet, Base or wiki page (drive/v1/permissions/:token/members/auth). */
  canEdit(token: string, objToken: string, type: Exclude<EditCheck, 'role'>, remainingMs: number): Promise<Said<boolean>>
}

/** An answer's one fact, and the log id of the answer that gave it. */
export interface Said<T> {
  readonly value: T
  readonly logId?: string
}

export interface ClientOptions {
  readonly baseUrl: string
  readonly appId: string
  /** The step's whole time budget ('timeout-seconds'), for the words of a timeout. */
  readonly stepTimeoutMs: number
  /** One attempt that has not had its whole answer by then is dropped (a stalled link gives no other sign). */
  readonly attemptTimeoutMs?: number
}

export interface ClientTools {
  readonly debug: (message: string) => void
  /** Takes the run's secrets out of server text as it arrives, before anything shortens or escapes it. */
  readonly redact: (text: string) => string
  readonly redactDeep: (value: unknown) => unknown
  /** Makes a value a secret of the run: masked in the runner's log and redacted from every line. */
  readonly mask: (secret: string) => void
  /** Redacts a value from every line, without announcing it to the runner (it is not handed on). */
  readonly hide: (secret: string) => void
  readonly now: () => number
}

/** A Feishu/Lark Open Platform client over one HttpClient (kept alive: every call shares a connection). */
export function createFeishuClient(
  http: HttpLike,
  { baseUrl, appId, stepTimeoutMs, attemptTimeoutMs = Infinity }: ClientOptions,
  { debug, redact, redactDeep, mask, hide, now }: ClientTools
): FeishuClient {
  const send = async (
    call: Call,
    verb: string,
    path: string,
    body: string | null,
    headers: Record<string, string>,
    remainingMs: number,
    /** Runs on the parsed answer before any line about it is written: where a secret in it is masked. */
    onParsed?: (json: Record<string, unknown>) => void
  ): Promise<CheckedAnswer> => {
    const url = `${baseUrl}${path}`
    if (remainingMs <= 0) throw new RequestError({ kind: 'timeout', limit: 'step', timeoutMs: stepTimeoutMs, notSent: true }, call)
    const startedAt = now()
    const byAttempt = attemptTimeoutMs < remainingMs
    const timedOut = (atProxy: boolean): RequestError =>
      new RequestError(
        {
          kind: 'timeout',
          ...(byAttempt ? { limit: 'attempt', timeoutMs: attemptTimeoutMs } : { limit: 'step', timeoutMs: stepTimeoutMs }),
          ...(atProxy && { atProxy })
        },
        call
      )
    try {
      const {
        status,
        json,
        headers: answered
      } = await withTimeout(Math.min(remainingMs, attemptTimeoutMs), timedOut, () =>
        exchange(http, verb, url, body, headers, call, { redact, redactDeep, now })
      )
      onParsed?.(json)
      // Redacted again, now that a secret of this answer is known, before the log id is cut to length.
      const logId = logIdOf(redactHeaders(answered, redact))
      debug(`${verb} ${url}: HTTP ${status}, code ${String(json.code)}, ${now() - startedAt} ms, log id ${logId ?? 'none'}`)
      const malformed = (detail: string) => new RequestError({ kind: 'malformed', status, detail }, call, logId)
      return { status, json, logId, malformed }
    } catch (error) {
      if (error instanceof RequestError) {
        debug(`${verb} ${url}: failed, ${shortFailure(error.failure)}, ${now() - startedAt} ms, log id ${error.logId ?? 'none'}`)
      }
      throw error
    }
  }

  /** A call made with the tenant token. */
  const withToken = (call: Call, verb: string, path: string, token: string, remainingMs: number, body: string | null = null) =>
    send(
      call,
      verb,
      path,
      body,
      {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== null && body !== '' && { 'content-type': 'application/json; charset=utf-8' })
      },
      remainingMs
    )

  /**
   * A resource's read-only call: resolves when `data.<field>` is there. Nothing of the answer is kept: titles and
   * names are the tenant's data.
   */
  const readable = async (call: Call, path: string, field: string, token: string, remainingMs: number): Promise<void> => {
    const { json, malformed } = await withToken(call, 'GET', path, token, remainingMs)
    if (!isRecord(json.data) || !isRecord(json.data[field])) throw malformed(`'data.${field}' is missing or not an object`)
  }

  return {
    async tenantToken(appSecret, remainingMs) {
      const { json, logId, malformed } = await send(
        'token',
        'POST',
        TOKEN_PATH,
        JSON.stringify({ app_id: appId, app_secret: appSecret }),
        { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        remainingMs,
        parsed => {
          // Masked the moment it is parsed, before the debug line and the log id of this answer are written. What
          // cannot be a token is only kept out of every line: it is never announced as a secret, nor handed on. A
          // value too short to be a token is neither: redacting it would garble every line that holds that string.
          const candidate = parsed.tenant_access_token
          if (typeof candidate === 'string' && candidate.length >= MIN_TOKEN_CHARS) (isToken(candidate) ? mask : hide)(candidate)
        }
      )
      const token = json.tenant_access_token
      const expire = json.expire
      if (typeof token !== 'string' || token === '') throw malformed("'tenant_access_token' is missing or not a string")
      if (token.length > MAX_TOKEN_CHARS)
        throw malformed(`'tenant_access_token' is ${token.length} characters long, more than a token can be (${MAX_TOKEN_CHARS})`)
      if (!TOKEN_SHAPE.test(token))
        throw malformed(
          "'tenant_access_token' has characters a token cannot have (a Bearer token holds only letters, digits, - . _ ~ + / and a trailing =)"
        )
      if (token.length < MIN_TOKEN_CHARS)
        throw malformed(`'tenant_access_token' is ${token.length} characters long, fewer than any token has (${MIN_TOKEN_CHARS})`)
      if (typeof expire !== 'number' || !Number.isInteger(expire) || expire <= 0) {
        throw malformed("'expire' is missing or not a positive whole number of seconds")
      }
      if (expire > MAX_EXPIRE_SECONDS) throw malformed(`'expire' is ${expire} seconds, more than the 30 days any token lives`)
      return { token, expiresIn: expire, logId }
    },

    async scopes(token, remainingMs) {
      const { json, logId, malformed } = await withToken('scopes', 'GET', SCOPES_PATH, token, remainingMs)
      const data = json.data
      const list = isRecord(data) ? data.scopes : undefined
      if (!Array.isArray(list)) throw malformed("'data.scopes' is missing or not a list")
      const scopes: ListedScope[] = []
      for (const item of list) {
        if (!isRecord(item) || typeof item.scope_name !== 'string' || typeof item.grant_status !== 'number') {
          throw malformed("an entry of 'data.scopes' has no string 'scope_name' or numeric 'grant_status'")
        }
        const identity = item.scope_type ?? undefined
        if (identity !== undefined && typeof identity !== 'string')
          throw malformed("an entry of 'data.scopes' has a 'scope_type' that is not a string")
        scopes.push({ name: item.scope_name, grantStatus: item.grant_status, ...(identity !== undefined && { identity }) })
      }
      return { scopes, logId }
    },

    async requestApproval(token, remainingMs) {
      // No body: an empty one, announced as such.
      const { logId } = await withToken('apply', 'POST', APPLY_PATH, token, remainingMs, '')
      return { logId }
    },

    async botInfo(token, remainingMs) {
      const { json, logId, malformed } = await withToken('bot', 'GET', BOT_PATH, token, remainingMs)
      const bot = json.bot
      if (!isRecord(bot)) throw malformed("'bot' is missing or not an object")
      const status = bot.activate_status
      if (typeof status !== 'number' || !Number.isInteger(status)) throw malformed("'bot.activate_status' is missing or not a whole number")
      // The name is free text, and a missing one is no reason to hide the app's state: null or absent is no name.
      const name = bot.app_name ?? undefined
      if (name !== undefined && typeof name !== 'string') throw malformed("'bot.app_name' is not a string")
      if (name !== undefined && name.length > MAX_APP_NAME_CHARS)
        throw malformed(`'bot.app_name' is ${name.length} characters long, more than an app name can be (${MAX_APP_NAME_CHARS})`)
      if (status !== 2) return { activateStatus: status, ...(name && { appName: name }), logId }
      // The app is usable: its bot's identity must be there, and look like one.
      const openId = bot.open_id
      if (typeof openId !== 'string' || !OPEN_ID.test(openId))
        throw malformed("'bot.open_id' does not look like an open_id ('ou_' and lowercase letters and digits)")
      return { activateStatus: status, ...(name && { appName: name }), openId, logId }
    },

    async isInChat(token, chatId, remainingMs) {
      const { json, logId, malformed } = await withToken(
        'access',
        'GET',
        `/open-apis/im/v1/chats/${segment(chatId)}/members/is_in_chat`,
        token,
        remainingMs
      )
      const answer = isRecord(json.data) ? json.data.is_in_chat : undefined
      if (typeof answer !== 'boolean') throw malformed("'data.is_in_chat' is missing or not true or false")
      return { value: answer, logId }
    },

    base: (token, appToken, remainingMs) =>
      readable('access', `/open-apis/bitable/v1/apps/${segment(appToken)}`, 'app', token, remainingMs),
    document: (token, documentId, remainingMs) =>
      readable('access', `/open-apis/docx/v1/documents/${segment(documentId)}`, 'document', token, remainingMs),
    spreadsheet: (token, spreadsheetToken, remainingMs) =>
      readable('access', `/open-apis/sheets/v3/spreadsheets/${segment(spreadsheetToken)}`, 'spreadsheet', token, remainingMs),
    wikiNode: (token, nodeToken, remainingMs) =>
      readable('access', `/open-apis/wiki/v2/spaces/get_node?token=${segment(nodeToken)}`, 'node', token, remainingMs),
    wikiSpace: (token, spaceId, remainingMs) =>
      readable('access', `/open-apis/wiki/v2/spaces/${segment(spaceId)}`, 'space', token, remainingMs),

    async folder(token, folderToken, remainingMs) {
      // Read-only despite POST: the metadata of the docs listed.
      const body = JSON.stringify({ request_docs: [{ doc_token: folderToken, doc_type: 'folder' }] })
      const { json, status, logId, malformed } = await withToken(
        'access',
        'POST',
        '/open-apis/drive/v1/metas/batch_query',
        token,
        remainingMs,
        body
      )
      const data = isRecord(json.data) ? json.data : {}
      const listed = (field: string) => (Array.isArray(data[field]) ? (data[field] as unknown[]).filter(isRecord) : [])
      const failed = listed('failed_list').find(item => item.token === folderToken)
      if (failed) {
        if (typeof failed.code !== 'number') throw malformed("an entry of 'data.failed_list' has no numeric 'code'")
        throw new RequestError({ kind: 'feishu', status, code: failed.code, msg: '' }, 'access', logId)
      }
      if (!listed('metas').some(item => item.doc_token === folderToken))
        throw malformed("the folder is in neither 'data.metas' nor 'data.failed_list'")
    },

    async calendarRole(token, calendarId, remainingMs) {
      const { json, logId, malformed } = await withToken(
        'access',
        'GET',
        `/open-apis/calendar/v4/calendars/${segment(calendarId)}`,
        token,
        remainingMs
      )
      const role = isRecord(json.data) ? json.data.role : undefined
      if (typeof role !== 'string' || !(CALENDAR_ROLES as readonly string[]).includes(role)) {
        throw malformed(`'data.role' is not one of the roles a calendar gives (${CALENDAR_ROLES.join(', ')})`)
      }
      return { value: role as CalendarRole, logId }
    },

    async canEdit(token, objToken, type, remainingMs) {
      const { json, logId, malformed } = await withToken(
        'edit',
        'GET',
        `/open-apis/drive/v1/permissions/${segment(objToken)}/members/auth?type=${type}&action=edit`,
        token,
        remainingMs
      )
      const result = isRecord(json.data) ? json.data.auth_result : undefined
      if (typeof result !== 'boolean') throw malformed("'data.auth_result' is missing or not true or false")
      return { value: result, logId }
    }
  }
}

/** An id as a path segment or query value: ids are checked when the input is read, this only guards the URL. */
const segment = (id: string): string => encodeURIComponent(id).replace(/%40/g, '@')

/** The scope names an answer for a missing scope gives: `error.permission_violations[].subject`, or the list in its msg. */
function scopesNamed(json: Record<string, unknown>, msg: string): string[] | undefined {
  const violations = isRecord(json.error) && Array.isArray(json.error.permission_violations) ? json.error.permission_violations : []
  const subjects = violations.flatMap(item => (isRecord(item) && typeof item.subject === 'string' ? [item.subject] : []))
  const listed = subjects.length > 0 ? subjects : (/\[([^\]]*)\]/.exec(msg)?.[1]?.split(/[\s,]+/) ?? [])
  const scopes = [...new Set(listed.filter(isScopeName))].slice(0, MAX_NAMED_SCOPES)
  return scopes.length > 0 ? scopes : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
  tools: Pick<ClientTools, 'redact' | 'redactDeep' | 'now'>
): Started<Answer> {
  const started = http.request(verb, url, body, headers)
  return { abandon: started.abandon, done: receive(started.answer, call, tools) }
}

async function receive(
  answer: Promise<{ message: IncomingMessage }>,
  call: Call,
  { redact, redactDeep, now }: Pick<ClientTools, 'redact' | 'redactDeep' | 'now'>
): Promise<Answer> {
  let message: IncomingMessage
  try {
    ;({ message } = await answer)
  } catch (error) {
    throw new RequestError(requestFailure(error), call)
  }
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
  if (!isRecord(json)) {
    return fail({ kind: 'not-json', status, contentType: answered['content-type'], bytes: read.length })
  }
  const code = json.code
  if (typeof code === 'number' && code !== 0) {
    const msg = typeof json.msg === 'string' ? json.msg : ''
    const troubleshooter = isRecord(json.error) && typeof json.error.troubleshooter === 'string' ? json.error.troubleshooter : undefined
    const bodyLogId = isRecord(json.error) && typeof json.error.log_id === 'string' ? json.error.log_id : undefined
    const scopes = scopesNamed(json, msg)
    throw new RequestError(
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
  if (status < 200 || status >= 300) return fail({ kind: 'http', status })
  if (code !== 0) return fail({ kind: 'no-code', status })
  return { status, json, headers: answered }
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

/** Work under way, and the means to drop it. */
interface Started<T> {
  readonly done: Promise<T>
  readonly abandon: () => { readonly openingTunnel: boolean }
}

/**
 * One time limit for the request and its body. On expiry its own connection is dropped, and only its own: other
 * requests in flight on the run's agent go on. `timedOut` learns whether a proxy was still opening the tunnel.
 * `timeoutMs` is above 0: send() sends nothing once the deadline has passed.
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
