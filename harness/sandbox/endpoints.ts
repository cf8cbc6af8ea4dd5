// The Feishu endpoints the sandbox speaks: the tenant token, the app's scopes and the request for their approval,
// the bot's info, sending a message, and the resource calls (each checked as Feishu checks it: auth.ts first).
import { randomBytes } from 'node:crypto'
import { BOT_IP_WHITE_LIST } from './apps.js'
import { authorised } from './auth.js'
import { type Exchange, send, tooManyRequests } from './exchange.js'
import { answerResource } from './resources/answers.js'
import type { ResourceRequest } from './resources/routes.js'
import { scopeRequired } from './resources/scopes.js'
import type { SandboxState } from './state.js'

const APP_ID = /^cli_[0-9a-z]{16}$/

// POST /open-apis/auth/v3/tenant_access_token/internal: an app's credentials in, its token out. Its errors have HTTP
// status 200 (or tokenErrorStatus) and a code.
export function tokenEndpoint(state: SandboxState, { res, body }: Exchange): void {
  const error = (code: number, msg: string): void => send(res, state.options.tokenErrorStatus ?? 200, { code, msg })
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return error(10003, 'invalid param')
  }
  const { app_id: appId, app_secret: appSecret } = (parsed ?? {}) as Record<string, unknown>
  if (typeof appId !== 'string' || !APP_ID.test(appId) || typeof appSecret !== 'string') return error(10003, 'invalid param')
  const app = state.apps.get(appId)
  if (!app) return error(10014, 'app id not exists')
  if (app.appSecret !== appSecret) return error(10014, 'app secret invalid')
  const { token, expire } = state.tokens.issue(appId)
  send(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire })
}

// GET /open-apis/application/v6/scopes: the app's scopes and the state of each.
export function scopesEndpoint(state: SandboxState, exchange: Exchange): void {
  const app = authorised(state, exchange)
  if (app) send(exchange.res, 200, { code: 0, msg: 'success', data: { scopes: app.scopes ?? [] } })
}

// POST /open-apis/application/v6/scopes/apply: no body; asks for every scope awaiting review, 10 times a version.
export function applyEndpoint(state: SandboxState, exchange: Exchange): void {
  const app = authorised(state, exchange)
  if (!app) return
  const { res, body } = exchange
  if (body !== '') return send(res, 400, { code: 99992402, msg: 'field validation failed: no body expected' })
  const pending = (app.scopes ?? []).filter(scope => scope.grant_status !== 1)
  if (pending.length === 0) return send(res, 400, { code: 212002, msg: 'no scope needs to apply' })
  if (app.approvalPending) return send(res, 400, { code: 212004, msg: 'duplicate apply, please wait for review' })
  if ((app.approvalRequests ?? 0) >= 10) return send(res, 400, { code: 212003, msg: 'apply times exceed limit for this version' })
  if (pending.every(scope => scope.sensitive)) return send(res, 400, { code: 212001, msg: 'high sensitivity scopes must apply in console' })
  app.approvalRequests = (app.approvalRequests ?? 0) + 1
  app.approvalPending = true
  send(res, 200, { code: 0, msg: 'success', data: {} })
}

// GET /open-apis/bot/v3/info: the app's state in the tenant and its bot.
export function botEndpoint(state: SandboxState, exchange: Exchange): void {
  const app = authorised(state, exchange)
  if (!app) return
  // Feishu does not document the code an app without the Bot capability gets here; this is the IM API's code for it.
  if (app.bot === false || app.bot === undefined) return send(exchange.res, 400, { code: 230006, msg: 'Bot ability is not activated.' })
  send(exchange.res, 200, {
    code: 0,
    msg: 'ok',
    bot: { ...app.bot, avatar_url: 'https://sandbox.invalid/avatar.png', ip_white_list: BOT_IP_WHITE_LIST }
  })
}

// POST /open-apis/im/v1/messages?receive_id_type=chat_id: what the README's quick start sends. Like Feishu, it sends
// at most one message per `uuid` (at most 50 characters) and app within an hour: a request with the uuid of one
// that was sent is answered with that message's id, and sends nothing.
export function messagesEndpoint(state: SandboxState, exchange: Exchange): void {
  const app = authorised(state, exchange)
  if (!app) return
  const { res, body } = exchange
  let message: Record<string, unknown>
  try {
    message = JSON.parse(body)
  } catch {
    return send(res, 400, { code: 9499, msg: 'Bad Request' })
  }
  const { uuid } = message
  if (
    typeof message.receive_id !== 'string' ||
    typeof message.msg_type !== 'string' ||
    typeof message.content !== 'string' ||
    (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > 50))
  ) {
    return send(res, 400, { code: 99992402, msg: 'field validation failed' })
  }
  const key = typeof uuid === 'string' && uuid !== '' ? `${app.appId} ${uuid}` : undefined
  const sent = key === undefined ? undefined : state.sentByUuid.get(key)
  if (sent && Date.now() - sent.at < 60 * 60 * 1000)
    return send(res, 200, { code: 0, msg: 'success', data: { message_id: sent.messageId } })
  const messageId = `om_${randomBytes(8).toString('hex')}`
  if (key !== undefined) state.sentByUuid.set(key, { messageId, at: Date.now() })
  send(res, 200, { code: 0, msg: 'success', data: { message_id: messageId } })
}

// The resource calls (resources/), checked as Feishu checks them: the token, the region and the IP allowlist, then
// the call's rate limit, then its scopes, and only then the resource.
export function resourceEndpoint(state: SandboxState, exchange: Exchange, request: ResourceRequest): void {
  const notInstalled = { status: 400, body: { code: 232034, msg: 'The app is unavailable or inactivated by the tenant.' } }
  const app = authorised(state, exchange, request.call === 'chat' ? notInstalled : undefined)
  if (!app) return
  const { res } = exchange
  const over = state.options.resourceRateLimits === false ? undefined : state.resourceLimits.hit(app.appId, request.call)
  if (over) return tooManyRequests(res, over)
  const answer = scopeRequired(app, request.call, state.baseUrl, String(res.getHeader('x-tt-logid'))) ?? answerResource(app, request)
  send(res, answer.status, answer.body)
}
