// The Feishu/Lark Open Platform client: one function per call (docs/feishu.md has the calls and their answers), each
// reading only the fields it needs. The wire (body cap, parsing, redaction as text arrives) is wire.ts's; it throws
// RequestErrors: data, not words.
import { RequestError } from './failure.js'
import { type AccessProblem, type PermissionType, RESOURCE_KINDS, type Resource, type ResourceKind, editPath, isRecord } from './kinds.js'
import type { ListedScope } from './scopes.js'
import { MIN_TOKEN_CHARS, expireProblem, tokenProblem } from './token.js'
import type { HttpLike } from './transport.js'
import { type Send, type SenderOptions, type WireTools, createSender } from './wire.js'

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'
const SCOPES_PATH = '/open-apis/application/v6/scopes'
const APPLY_PATH = '/open-apis/application/v6/scopes/apply'
const BOT_PATH = '/open-apis/bot/v3/info'
/** A bot's open_id: `ou_` and lowercase letters and digits (hex in every answer seen). */
const OPEN_ID = /^ou_[a-z0-9]{1,64}$/
/** App names are short labels in the console; far longer text is not an app name. */
const MAX_APP_NAME_CHARS = 200

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

/** An answer's one fact, and the log id of the answer that gave it. */
export interface Said<T> {
  readonly value: T
  readonly logId?: string
}

/**
 * What a read call found beyond "reachable" and a Feishu error code: a problem its answer shows (a bot outside the chat,
 * a calendar role), or, for a wiki page, the object it holds, to be checked as what it is.
 */
export type ReadFinding =
  | { readonly problem: AccessProblem; readonly call: 'access' | 'edit' }
  | { readonly holds: { readonly kind: ResourceKind; readonly id: string } }

export interface FeishuClient {
  /** `remainingMs`: what is left of the step's deadline; one attempt also stops at the attempt limit. */
  tenantToken(appSecret: string, remainingMs: number): Promise<TenantToken>
  scopes(token: string, remainingMs: number): Promise<ScopeList>
  /** Asks the tenant admin to approve every scope of the app that awaits review (it cannot pick scopes). */
  requestApproval(token: string, remainingMs: number): Promise<{ readonly logId?: string }>
  botInfo(token: string, remainingMs: number): Promise<BotInfo>
  /**
   * The read-only call of the resource's kind (RESOURCE_KINDS): resolves with what its answer shows wrong, or
   * undefined when the app reaches it; a Feishu code, also one inside a code-0 answer, is thrown as a RequestError.
   */
  read(token: string, resource: Resource, remainingMs: number): Promise<Said<ReadFinding | undefined>>
  /** Whether the app may edit the document, spreadsheet, Base or wiki page (drive/v1/permissions/:token/members/auth). */
  canEdit(token: string, objToken: string, type: PermissionType, remainingMs: number): Promise<Said<boolean>>
}

export interface ClientOptions extends SenderOptions {
  readonly appId: string
}

export interface ClientTools extends WireTools {
  /** Makes a value a secret of the run: masked in the runner's log and redacted from every line. */
  readonly mask: (secret: string) => void
  /** Redacts a value from every line, without announcing it to the runner (it is not handed on). */
  readonly hide: (secret: string) => void
}

/** A Feishu/Lark Open Platform client over one HttpClient (kept alive: every call shares a connection). */
export function createFeishuClient(http: HttpLike, options: ClientOptions, tools: ClientTools): FeishuClient {
  const send = createSender(http, options, tools)
  /** A call made with the tenant token. */
  const withToken = (
    call: 'scopes' | 'apply' | 'bot' | 'access' | 'edit',
    verb: string,
    path: string,
    token: string,
    remainingMs: number,
    body: string | null = null
  ) =>
    send({
      call,
      verb,
      path,
      body,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== null && body !== '' && { 'content-type': 'application/json; charset=utf-8' })
      },
      remainingMs
    })
  return {
    tenantToken: (appSecret, remainingMs) => tenantToken(send, options.appId, appSecret, remainingMs, tools),
    async scopes(token, remainingMs) {
      const { json, logId, malformed } = await withToken('scopes', 'GET', SCOPES_PATH, token, remainingMs)
      return { scopes: listedScopes(json, malformed), logId }
    },
    async requestApproval(token, remainingMs) {
      // No body: an empty one, announced as such.
      const { logId } = await withToken('apply', 'POST', APPLY_PATH, token, remainingMs, '')
      return { logId }
    },
    async botInfo(token, remainingMs) {
      const { json, logId, malformed } = await withToken('bot', 'GET', BOT_PATH, token, remainingMs)
      return { ...botOf(json, malformed), logId }
    },
    async read(token, resource, remainingMs) {
      const { read } = RESOURCE_KINDS[resource.kind]
      const { json, status, logId, malformed } = await withToken(
        'access',
        read.method,
        read.path(resource.id),
        token,
        remainingMs,
        read.body?.(resource.id) ?? null
      )
      const found = read.answer(isRecord(json.data) ? json.data : {}, resource)
      if (found === undefined) return { value: undefined, logId }
      if ('malformed' in found) throw malformed(found.malformed)
      if ('code' in found) throw new RequestError({ kind: 'feishu', status, code: found.code, msg: '' }, 'access', logId)
      return { value: found, logId }
    },
    async canEdit(token, objToken, type, remainingMs) {
      const { json, logId, malformed } = await withToken('edit', 'GET', editPath(objToken, type), token, remainingMs)
      const result = isRecord(json.data) ? json.data.auth_result : undefined
      if (typeof result !== 'boolean') throw malformed("'data.auth_result' is missing or not true or false")
      return { value: result, logId }
    }
  }
}

/** POST auth/v3/tenant_access_token/internal: the token is masked the moment its answer is parsed. */
async function tenantToken(
  send: Send,
  appId: string,
  appSecret: string,
  remainingMs: number,
  { mask, hide }: Pick<ClientTools, 'mask' | 'hide'>
): Promise<TenantToken> {
  const { json, logId, malformed } = await send({
    call: 'token',
    verb: 'POST',
    path: TOKEN_PATH,
    body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    remainingMs,
    onParsed: parsed => {
      // Masked before the debug line and the log id of this answer are written. What cannot be a token is only kept
      // out of every line: never announced as a secret, nor handed on. A value too short to be a token is neither:
      // redacting it would garble every line that holds that string.
      const candidate = parsed.tenant_access_token
      if (typeof candidate === 'string' && candidate.length >= MIN_TOKEN_CHARS) (tokenProblem(candidate) ? hide : mask)(candidate)
    }
  })
  const problem = tokenProblem(json.tenant_access_token) ?? expireProblem(json.expire)
  if (problem) throw malformed(problem)
  return { token: json.tenant_access_token as string, expiresIn: json.expire as number, logId }
}

/** `data.scopes` of application/v6/scopes, each entry checked. */
function listedScopes(json: Record<string, unknown>, malformed: (detail: string) => RequestError): ListedScope[] {
  const list = isRecord(json.data) ? json.data.scopes : undefined
  if (!Array.isArray(list)) throw malformed("'data.scopes' is missing or not a list")
  return list.map(item => {
    if (!isRecord(item) || typeof item.scope_name !== 'string' || typeof item.grant_status !== 'number') {
      throw malformed("an entry of 'data.scopes' has no string 'scope_name' or numeric 'grant_status'")
    }
    const identity = item.scope_type ?? undefined
    if (identity !== undefined && typeof identity !== 'string')
      throw malformed("an entry of 'data.scopes' has a 'scope_type' that is not a string")
    return { name: item.scope_name, grantStatus: item.grant_status, ...(identity !== undefined && { identity }) }
  })
}

/** `bot` of bot/v3/info: the app's state, its name, and its bot's open_id when the app is enabled. */
function botOf(json: Record<string, unknown>, malformed: (detail: string) => RequestError): Omit<BotInfo, 'logId'> {
  const bot = json.bot
  if (!isRecord(bot)) throw malformed("'bot' is missing or not an object")
  const status = bot.activate_status
  if (typeof status !== 'number' || !Number.isInteger(status)) throw malformed("'bot.activate_status' is missing or not a whole number")
  // The name is free text, and a missing one is no reason to hide the app's state: null or absent is no name.
  const name = bot.app_name ?? undefined
  if (name !== undefined && typeof name !== 'string') throw malformed("'bot.app_name' is not a string")
  if (name !== undefined && name.length > MAX_APP_NAME_CHARS)
    throw malformed(`'bot.app_name' is ${name.length} characters long, more than an app name can be (${MAX_APP_NAME_CHARS})`)
  if (status !== 2) return { activateStatus: status, ...(name && { appName: name }) }
  // The app is usable: its bot's identity must be there, and look like one.
  const openId = bot.open_id
  if (typeof openId !== 'string' || !OPEN_ID.test(openId))
    throw malformed("'bot.open_id' does not look like an open_id ('ou_' and lowercase letters and digits)")
  return { activateStatus: status, ...(name && { appName: name }), openId }
}
