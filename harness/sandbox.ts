// A fake Feishu/Lark Open Platform for the tests, `npm start`, `npm run sandbox` and the benchmark: the endpoint
// paths, bodies and error behaviour that docs/feishu.md describes, the resource calls of harness/sandbox/resources/,
// and a stand-in for the developer console's pages, over real loopback sockets. Dev-only.
// This file holds the server and the Feishu endpoints; the apps, the test certificate, the faults, the request log
// and the console's pages are in harness/sandbox/.
import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { BOT_IP_WHITE_LIST, type SandboxApp, TEST_APP } from './sandbox/apps.js'
import { testCertificate } from './sandbox/certificates.js'
import { consolePage, consoleRequest } from './sandbox/console.js'
import type { Fault } from './sandbox/faults.js'
import { type RecordedRequest, recordAnswer } from './sandbox/request-log.js'
import { type Answer, answerResource } from './sandbox/resources/answers.js'
import { resourceRateLimiter } from './sandbox/resources/limits.js'
import { type ResourceRequest, resourceRequest } from './sandbox/resources/routes.js'
import { scopeRequired } from './sandbox/resources/scopes.js'

export { BOT_IP_WHITE_LIST, FENCED_APP, type SandboxApp, type SandboxBot, type SandboxScope, TEST_APP } from './sandbox/apps.js'
export { TEST_CA_FILE, testCertificate } from './sandbox/certificates.js'
export { type Fault, faults } from './sandbox/faults.js'
export type { RecordedRequest } from './sandbox/request-log.js'
export { type Answer, answerResource } from './sandbox/resources/answers.js'
export { RESOURCE_TITLES, SANDBOX_TENANT_URL, TEST_RESOURCE_IDS, TEST_RESOURCES, reachingMore } from './sandbox/resources/fixtures.js'
export { RESOURCE_RATE_LIMITS, resourceRateLimiter } from './sandbox/resources/limits.js'
export type { ResourceCall, SandboxAccess, SandboxResources } from './sandbox/resources/model.js'
export { type ResourceRequest, resourceRequest } from './sandbox/resources/routes.js'
export { RESOURCE_SCOPES, scopeRequired } from './sandbox/resources/scopes.js'
export { parseTarget } from './sandbox/target.js'

export interface SandboxOptions {
  apps?: SandboxApp[]
  /** Serve HTTPS with the test certificate (for open.feishu.cn, open.larksuite.com, localhost, 127.0.0.1). */
  tls?: boolean
  /** HTTP status of token-endpoint errors: Feishu uses 200, some proxies turn them into 400. */
  tokenErrorStatus?: 200 | 400
  /** Past this many requests a second: HTTP 429, code 99991400 and x-ogw-ratelimit-reset. */
  rateLimitPerSecond?: number
  /**
   * The resource calls' own limits, per app and per call, as Feishu enforces them (RESOURCE_RATE_LIMITS: docx 5/s,
   * Base 20/s...): past one, HTTP 429, code 99991400, x-ogw-ratelimit-limit and x-ogw-ratelimit-reset (seconds).
   * On unless false.
   */
  resourceRateLimits?: boolean
  /** Remaining lifetime reported for a new token (seconds). */
  expire?: number
  /** The address to listen on: 127.0.0.1 by default, ::1 for IPv6. */
  host?: '127.0.0.1' | '::1'
  /** The port to listen on: a free one by default. */
  port?: number
  /**
   * Told of each request once it is answered, with the answer's status and code (npm run sandbox prints them), or
   * once its connection closes without an answer.
   */
  onRequest?: (request: RecordedRequest) => void
}

export interface Sandbox {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  /** TCP connections that carried at least one request. */
  readonly connectionCount: () => number
  /** Tokens issued so far (to check that none leaks). */
  readonly issuedTokens: () => string[]
  /** The next requests are answered by these, in order, instead of the normal behaviour. */
  failNext(...faults: Fault[]): void
  /** Drops faults queued by failNext that no request used. */
  clearFaults(): void
  close(): Promise<void>
}

const APP_ID = /^cli_[0-9a-z]{16}$/
const TOKEN_TTL = 7200

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apps = new Map((options.apps ?? [TEST_APP]).map(app => [app.appId, { ...app }]))
  const tokens = new Map<string, { appId: string; expiresAt: number }>()
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  const connectionIds = new WeakMap<Socket, number>()
  let connections = 0
  let logSeq = 0
  let window = { second: 0, count: 0 }
  const resourceLimits = resourceRateLimiter()
  // The sandbox's own address, once it listens: where the console links of its answers point.
  let baseUrl = ''

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
    res.end(text)
  }

  const issueToken = (appId: string): { token: string; expire: number } => {
    const now = Date.now()
    for (const [token, t] of tokens) {
      // The same token while more than 30 minutes remain, as Feishu does.
      if (t.appId === appId && t.expiresAt - now > 30 * 60 * 1000) return { token, expire: Math.floor((t.expiresAt - now) / 1000) }
    }
    const expire = options.expire ?? TOKEN_TTL
    const token = `t-${randomBytes(20).toString('hex')}`
    tokens.set(token, { appId, expiresAt: now + expire * 1000 })
    return { token, expire }
  }

  const tokenEndpoint = (res: ServerResponse, body: string): void => {
    const error = (code: number, msg: string): void => send(res, options.tokenErrorStatus ?? 200, { code, msg })
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return error(10003, 'invalid param')
    }
    const { app_id: appId, app_secret: appSecret } = (parsed ?? {}) as Record<string, unknown>
    if (typeof appId !== 'string' || !APP_ID.test(appId) || typeof appSecret !== 'string') return error(10003, 'invalid param')
    const app = apps.get(appId)
    if (!app) return error(10014, 'app id not exists')
    if (app.appSecret !== appSecret) return error(10014, 'app secret invalid')
    const { token, expire } = issueToken(appId)
    send(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire })
  }

  /**
   * The app a Bearer tenant token belongs to, or undefined once the error is answered. An app not installed in the
   * tenant gets `notInstalled` (212100, the scopes call's answer, unless the call has a code of its own).
   */
  const authorised = (
    req: IncomingMessage,
    res: ServerResponse,
    notInstalled: Answer = { status: 400, body: { code: 212100, msg: 'app not install' } }
  ): SandboxApp | undefined => {
    const authorization = req.headers.authorization
    if (!authorization) return void send(res, 400, { code: 99991661, msg: 'Missing access token for authorization.' })
    const match = /^Bearer (t-\S+)$/.exec(authorization)
    if (!match)
      return void send(res, 400, {
        code: 99991671,
        msg: 'Invalid access token for authorization. Please make a request with token attached.'
      })
    const issued = tokens.get(match[1]!)
    if (!issued || issued.expiresAt < Date.now())
      return void send(res, 400, {
        code: 99991663,
        msg: 'Invalid access token for authorization. Please make a request with token attached.'
      })
    const app = apps.get(issued.appId)!
    if (app.otherRegion) return void send(res, 400, { code: 1000040351, msg: 'Incorrect domain name' })
    const caller = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
    if (app.ipAllowlist && !app.ipAllowlist.includes(caller)) {
      // The wording is the sandbox's own; the code is Feishu's.
      return void send(res, 400, { code: 99991401, msg: `ip ${caller} is not in the app's ip whitelist` })
    }
    if (app.installed === false) return void send(res, notInstalled.status, notInstalled.body)
    return app
  }

  // The resource calls (harness/sandbox/resources/), checked as Feishu checks them: the token, the region and the
  // IP allowlist, then the call's rate limit, then its scopes, and only then the resource.
  const resourceEndpoint = (req: IncomingMessage, res: ServerResponse, request: ResourceRequest): void => {
    const notInstalled = { status: 400, body: { code: 232034, msg: 'The app is unavailable or inactivated by the tenant.' } }
    const app = authorised(req, res, request.call === 'chat' ? notInstalled : undefined)
    if (!app) return
    const over = options.resourceRateLimits === false ? undefined : resourceLimits.hit(app.appId, request.call)
    if (over) {
      return send(
        res,
        429,
        { code: 99991400, msg: 'request trigger frequency limit' },
        { 'x-ogw-ratelimit-limit': String(over.limit), 'x-ogw-ratelimit-reset': String(over.resetSeconds) }
      )
    }
    const answer = scopeRequired(app, request.call, baseUrl, String(res.getHeader('x-tt-logid'))) ?? answerResource(app, request)
    send(res, answer.status, answer.body)
  }

  // GET /open-apis/bot/v3/info: the app's state in the tenant and its bot.
  const botEndpoint = (req: IncomingMessage, res: ServerResponse): void => {
    const app = authorised(req, res)
    if (!app) return
    // Feishu does not document the code an app without the Bot capability gets here; this is the IM API's code for it.
    if (app.bot === false || app.bot === undefined) return send(res, 400, { code: 230006, msg: 'Bot ability is not activated.' })
    send(res, 200, {
      code: 0,
      msg: 'ok',
      bot: { ...app.bot, avatar_url: 'https://sandbox.invalid/avatar.png', ip_white_list: BOT_IP_WHITE_LIST }
    })
  }

  const scopesEndpoint = (req: IncomingMessage, res: ServerResponse): void => {
    const app = authorised(req, res)
    if (app) send(res, 200, { code: 0, msg: 'success', data: { scopes: app.scopes ?? [] } })
  }

  // POST /open-apis/application/v6/scopes/apply: no body; asks for every scope awaiting review, 10 times a version.
  const applyEndpoint = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const app = authorised(req, res)
    if (!app) return
    if (body !== '') return send(res, 400, { code: 99992402, msg: 'field validation failed: no body expected' })
    const pending = (app.scopes ?? []).filter(scope => scope.grant_status !== 1)
    if (pending.length === 0) return send(res, 400, { code: 212002, msg: 'no scope needs to apply' })
    if (app.approvalPending) return send(res, 400, { code: 212004, msg: 'duplicate apply, please wait for review' })
    if ((app.approvalRequests ?? 0) >= 10) return send(res, 400, { code: 212003, msg: 'apply times exceed limit for this version' })
    if (pending.every(scope => scope.sensitive))
      return send(res, 400, { code: 212001, msg: 'high sensitivity scopes must apply in console' })
    app.approvalRequests = (app.approvalRequests ?? 0) + 1
    app.approvalPending = true
    send(res, 200, { code: 0, msg: 'success', data: {} })
  }

  // POST /open-apis/im/v1/messages?receive_id_type=chat_id: what the README's quick start sends. Like Feishu, it sends
  // at most one message per `uuid` (at most 50 characters) and app within an hour: a request with the uuid of one
  // that was sent is answered with that message's id, and sends nothing.
  const sentByUuid = new Map<string, { messageId: string; at: number }>()
  const messagesEndpoint = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const app = authorised(req, res)
    if (!app) return
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
    const sent = key === undefined ? undefined : sentByUuid.get(key)
    if (sent && Date.now() - sent.at < 60 * 60 * 1000)
      return send(res, 200, { code: 0, msg: 'success', data: { message_id: sent.messageId } })
    const messageId = `om_${randomBytes(8).toString('hex')}`
    if (key !== undefined) sentByUuid.set(key, { messageId, at: Date.now() })
    send(res, 200, { code: 0, msg: 'success', data: { message_id: messageId } })
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    let id = connectionIds.get(req.socket)
    if (id === undefined) {
      id = ++connections
      connectionIds.set(req.socket, id)
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = req.url ?? '/'
      const recorded: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body, connection: id }
      requests.push(recorded)
      recordAnswer(res, recorded, options.onRequest)
      res.setHeader('x-tt-logid', `20261125${String(++logSeq).padStart(8, '0')}SANDBOX`)

      const fault = faults.shift()
      const verdict = fault?.(req, res)
      if (verdict instanceof Promise) return void verdict.then(() => answer(req, res, path, body))
      if (fault && verdict !== 'pass') return
      answer(req, res, path, body)
    })
  }

  /** The normal behaviour: the sandbox's rate limit, then the endpoint of the path. */
  const answer = (req: IncomingMessage, res: ServerResponse, path: string, body: string): void => {
    if (options.rateLimitPerSecond !== undefined) {
      const now = Date.now()
      const second = Math.floor(now / 1000)
      if (second !== window.second) window = { second, count: 0 }
      if (++window.count > options.rateLimitPerSecond) {
        const reset = Math.max(1, Math.ceil((second + 1) * 1000 - now) / 1000)
        return send(
          res,
          429,
          { code: 99991400, msg: 'request trigger frequency limit' },
          {
            'x-ogw-ratelimit-limit': String(options.rateLimitPerSecond),
            'x-ogw-ratelimit-reset': String(Math.ceil(reset))
          }
        )
      }
    }

    if (path === '/open-apis/auth/v3/tenant_access_token/internal' && req.method === 'POST') return tokenEndpoint(res, body)
    if (path === '/open-apis/application/v6/scopes' && req.method === 'GET') return scopesEndpoint(req, res)
    if (path === '/open-apis/application/v6/scopes/apply' && req.method === 'POST') return applyEndpoint(req, res, body)
    if (path === '/open-apis/bot/v3/info' && req.method === 'GET') return botEndpoint(req, res)
    if (path.startsWith('/open-apis/im/v1/messages?') && req.method === 'POST') return messagesEndpoint(req, res, body)
    const resource = resourceRequest(req.method ?? '', path, body)
    if (resource) return resourceEndpoint(req, res, resource)
    const page = consoleRequest(req.method, path)
    if (page) return consolePage(res, page, apps.get(page.appId))
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('404 page not found')
  }

  const server = options.tls ? https.createServer(testCertificate(), handler) : http.createServer(handler)
  server.keepAliveTimeout = 30_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  baseUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url: baseUrl,
    port,
    requests,
    connectionCount: () => connections,
    issuedTokens: () => [...tokens.keys()],
    failNext: (...more) => void faults.push(...more),
    clearFaults: () => void faults.splice(0),
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
