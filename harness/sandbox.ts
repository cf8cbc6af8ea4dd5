// A fake Feishu/Lark Open Platform for the tests, `npm start`, `npm run sandbox` and the benchmark: the endpoint
// paths, bodies and error behaviour that docs/feishu.md describes, the resource calls of harness/sandbox/resources/,
// and a stand-in for the developer console's pages, over real loopback sockets. Dev-only.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { type Answer, answerResource } from './sandbox/resources/answers.js'
import { TEST_RESOURCES } from './sandbox/resources/fixtures.js'
import { resourceRateLimiter } from './sandbox/resources/limits.js'
import type { SandboxResources } from './sandbox/resources/model.js'
import { type ResourceRequest, resourceRequest } from './sandbox/resources/routes.js'
import { scopeRequired } from './sandbox/resources/scopes.js'
import { parseTarget } from './sandbox/target.js'

export { type Answer, answerResource } from './sandbox/resources/answers.js'
export { RESOURCE_TITLES, SANDBOX_TENANT_URL, TEST_RESOURCE_IDS, TEST_RESOURCES, reachingMore } from './sandbox/resources/fixtures.js'
export { RESOURCE_RATE_LIMITS, resourceRateLimiter } from './sandbox/resources/limits.js'
export type { ResourceCall, SandboxAccess, SandboxResources } from './sandbox/resources/model.js'
export { type ResourceRequest, resourceRequest } from './sandbox/resources/routes.js'
export { RESOURCE_SCOPES, scopeRequired } from './sandbox/resources/scopes.js'
export { parseTarget } from './sandbox/target.js'

export interface SandboxScope {
  scope_name: string
  grant_status: number
  scope_type?: 'tenant' | 'user'
  /** High-sensitivity: the apply endpoint cannot request it (212001 when only such scopes await approval). */
  sensitive?: boolean
}

export interface SandboxApp {
  appId: string
  appSecret: string
  scopes?: SandboxScope[]
  /** false: the scopes call answers 212100 (app not installed or not enabled). */
  installed?: boolean
  /** The app belongs to the other region: its token is issued, later calls answer 1000040351. */
  otherRegion?: boolean
  /** Approval requests already sent for this app version (the apply endpoint allows 10). */
  approvalRequests?: number
  /** An approval request is waiting for the admin (the apply endpoint answers 212004). */
  approvalPending?: boolean
  /**
   * The app's IP allowlist: when set, every call but the token's from an address not in it answers 99991401,
   * as Feishu's does (the token endpoints ignore the allowlist).
   */
  ipAllowlist?: string[]
  /**
   * What bot/v3/info answers: the app's state and its bot, or `false` for an app without the Bot capability (then the
   * chat call answers 232025 and the calendar call 190007).
   */
  bot?: SandboxBot | false
  /** The chats, Bases, documents... the app can reach, and how (harness/sandbox/resources/). */
  resources?: SandboxResources
}

export interface SandboxBot {
  /** 2 is enabled; 0, 1, 3-6 are the states an app can be in otherwise. */
  activate_status: number
  app_name: string
  open_id: string
}

export interface RecordedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  /** Which TCP connection carried it: equal ids, one kept-alive connection. */
  connection: number
  /** The answer's HTTP status, once sent (left out when the request got no HTTP answer: a hang, a reset, raw bytes). */
  status?: number
  /** The answer's Feishu `code`, when its body was JSON with a numeric code. */
  code?: number
}

/**
 * Takes over one request: answers it (or not) any way it likes; 'pass' hands it back to the normal behaviour, and a
 * promise of 'pass' hands it back later (a slow server).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a fault is any function that answers; 'pass' is the one value that means something.
export type Fault = (req: IncomingMessage, res: ServerResponse) => void | 'pass' | Promise<'pass'>

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

export const TEST_APP: SandboxApp = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'SECRETsandboxAppSecretK7mQ2xW9vR',
  scopes: [
    { scope_name: 'im:message', grant_status: 1, scope_type: 'tenant' },
    { scope_name: 'im:message:send_as_bot', grant_status: 1 },
    { scope_name: 'bitable:app', grant_status: 2, scope_type: 'tenant' },
    { scope_name: 'contact:user.base:readonly', grant_status: 1, scope_type: 'user' },
    // One read scope for each resource call (RESOURCE_SCOPES), and the permission call's, for the app identity.
    ...[
      'im:chat:readonly',
      'bitable:app:readonly',
      'docx:document:readonly',
      'sheets:spreadsheet:readonly',
      'wiki:wiki:readonly',
      'drive:drive.metadata:readonly',
      'calendar:calendar:readonly',
      'docs:permission.member:auth'
    ].map(scope_name => ({ scope_name, grant_status: 1, scope_type: 'tenant' as const }))
  ],
  bot: { activate_status: 2, app_name: 'Release Notifier', open_id: 'ou_7d8a6e6df7621556ce0d21922b676706' },
  // TEST_RESOURCE_IDS names each: a release chat the bot is in and one it is not in, a Base shared for reading and
  // one with advanced permissions, a docx shared for editing, a sheet, a wiki page and its space, a folder, a calendar.
  resources: TEST_RESOURCES
}

/** An app whose IP allowlist holds one documentation address: every call from loopback but the token's is refused. */
export const FENCED_APP: SandboxApp = {
  ...TEST_APP,
  appId: 'cli_f0e1d2c3b4a59687',
  appSecret: 'SECRETfencedAppSecretN4pL8zT1sYa',
  ipAllowlist: ['203.0.113.7']
}

/** The egress addresses bot/v3/info lists in `ip_white_list`: a company's, never to be printed. */
export const BOT_IP_WHITE_LIST = ['198.51.100.23', '198.51.100.24']

const TLS_DIR = new URL('./.tls/', import.meta.url)
export const TEST_CA_FILE = fileURLToPath(new URL('ca.crt', TLS_DIR))

/** The test server certificate (for open.feishu.cn, open.larksuite.com, feishu-sandbox.invalid, localhost, 127.0.0.1, ::1). */
export function testCertificate(): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(new URL('server.key', TLS_DIR)), cert: readFileSync(new URL('server.crt', TLS_DIR)) }
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

  // GET /app/{app_id} and /app/{app_id}/auth?q=...: where the console links of the action and of 99991672 answers
  // lead. A plain page that says what the real developer console would show there.
  const consolePage = (res: ServerResponse, target: URL, appId: string, auth: boolean): void => {
    const html = auth ? permissionPage(appId, apps.get(appId), target.searchParams) : appPage(appId, apps.get(appId))
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff'
    })
    res.end(html)
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
    const target = parseTarget(path)
    const consoleRoute = target && /^\/app\/([^/]+)(\/auth)?\/?$/.exec(target.pathname)
    if (target && consoleRoute && req.method === 'GET')
      return consolePage(res, target, safeDecode(consoleRoute[1]!), consoleRoute[2] !== undefined)
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

// Enough of an answer's body to read its code; a longer one (faults.huge) is recorded without one.
const RECORDED_BODY_BYTES = 64 * 1024

/**
 * Fills in `recorded.status` and `recorded.code` as the answer is sent, whoever sends it (an endpoint or a fault),
 * then tells `told`; a request whose connection closes with no answer is told of without them (or with the status
 * alone when only the head went out).
 */
function recordAnswer(res: ServerResponse, recorded: RecordedRequest, told?: (request: RecordedRequest) => void): void {
  const chunks: Buffer[] = []
  let bytes = 0
  let done = false
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (bytes > RECORDED_BODY_BYTES) return
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8')
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : undefined
    if (buffer) chunks.push(buffer)
    bytes += buffer?.length ?? 0
  }
  const finish = (ended: boolean): void => {
    if (done) return
    done = true
    if (res.headersSent) recorded.status = res.statusCode
    if (ended && bytes <= RECORDED_BODY_BYTES) {
      try {
        const code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown } | null)?.code
        if (typeof code === 'number') recorded.code = code
      } catch {
        // Not JSON: no code.
      }
    }
    told?.(recorded)
  }
  const write = res.write as (...args: unknown[]) => boolean
  const end = res.end as (...args: unknown[]) => ServerResponse
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1])
    return write.apply(res, args)
  }) as typeof res.write
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') keep(args[0], args[1])
    const result = end.apply(res, args)
    finish(true)
    return result
  }) as typeof res.end
  res.once('close', () => finish(false))
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Text for an HTML page: nothing in it is markup. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

/** A page of text: the title and each paragraph are HTML already (escapeHtml what comes from outside). */
const page = (title: string, blocks: string[]): string =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n${blocks.join('\n')}\n</body>\n</html>\n`

const SANDBOX_WORDS =
  "<p>This is the sandbox: a fake Feishu/Lark Open Platform on this machine (harness/sandbox.ts in the action's repository), with fake apps. It has no developer console.</p>"

/** The page /app/{app_id} stands in for: the app's page in the developer console. */
function appPage(appId: string, app: SandboxApp | undefined): string {
  const id = escapeHtml(appId)
  return page("Sandbox: the app's page in the developer console", [
    SANDBOX_WORDS,
    `<p>On the real developer console (https://open.feishu.cn/app/${id}, or https://open.larksuite.com/app/${id} for Lark), this address opens the page of app <code>${id}</code>: its Credentials &amp; Basic Info (凭证与基础信息) with the App ID and App Secret, and from there its Permissions &amp; Scopes (权限管理), its capabilities (the Bot among them), its Security Settings (安全设置: the IP allowlist) and its versions (版本管理与发布).</p>`,
    `<p>${app ? 'The sandbox has an app with this ID.' : 'The sandbox has no app with this ID.'}</p>`
  ])
}

/** The page /app/{app_id}/auth stands in for: the app's Permissions & Scopes page, with the scopes in `q` searched for. */
function permissionPage(appId: string, app: SandboxApp | undefined, query: URLSearchParams): string {
  const id = escapeHtml(appId)
  const scopes = (query.get('q') ?? '')
    .split(',')
    .map(scope => scope.trim())
    .filter(scope => scope !== '')
  // token_type picks the identity the page opens on; the action's links and Feishu's say tenant, the app identity.
  const identity = query.get('token_type') === 'user' ? 'user' : 'tenant'
  const identityWords =
    {
      tenant: ', on the app identity (token_type=tenant: the scopes a tenant access token carries)',
      user: ', on the user identity (token_type=user: the scopes user access tokens carry)'
    }[query.get('token_type') ?? ''] ?? ''
  const inSandbox = (scope: string): string => {
    const entries = (app?.scopes ?? []).filter(s => s.scope_name === scope && (s.scope_type ?? 'tenant') === identity)
    if (entries.some(s => s.grant_status === 1)) return 'granted'
    return entries.length > 0 ? 'awaiting approval' : 'not configured'
  }
  const list = scopes.length
    ? `<ul>\n${scopes
        .slice(0, 100)
        .map(scope => `<li><code>${escapeHtml(scope)}</code>${app ? `: ${inSandbox(scope)} in the sandbox` : ''}</li>`)
        .join('\n')}\n</ul>`
    : '<p>No scope is searched for: the link has no <code>q</code>.</p>'
  return page('Sandbox: the Permissions &amp; Scopes page in the developer console', [
    SANDBOX_WORDS,
    `<p>On the real developer console (https://open.feishu.cn, or https://open.larksuite.com for Lark), this address opens the Permissions &amp; Scopes page (权限管理) of app <code>${id}</code>${identityWords}, with these scopes searched for:</p>`,
    list,
    "<p>There you would enable them and publish a version (版本管理与发布), and the tenant admin would approve them. In the sandbox, an app's scopes are what harness/sandbox.ts gives it.</p>",
    ...(app ? [] : ['<p>The sandbox has no app with this ID.</p>'])
  ])
}

/** Ready-made faults for `failNext`. */
export const faults = {
  /** Lets the request through to the normal behaviour (to fault a later one). */
  pass: (): Fault => () => 'pass',
  /** Writes these bytes as the whole answer, HTTP or not, and closes. */
  raw:
    (bytes: string): Fault =>
    (_req, res) =>
      void res.socket?.end(bytes),
  json:
    (status: number, body: unknown, headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      const text = JSON.stringify(body)
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(text)
    },
  text:
    (status: number, body: string | Buffer, contentType = 'text/html; charset=utf-8', headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': contentType, ...headers })
      res.end(body)
    },
  /** Accepts the request and never answers. */
  hang: (): Fault => () => undefined,
  /** Answers as usual, after `ms`. */
  slow:
    (ms: number): Fault =>
    () =>
      new Promise(resolve => setTimeout(() => resolve('pass'), ms)),
  /** Drops the connection without an answer. */
  reset: (): Fault => req => void req.socket.destroy(),
  /** Sends the head and part of the body, then drops the connection. */
  truncate: (): Fault => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"code":0,"msg":"ok","tenant_acc')
    setTimeout(() => res.socket?.destroy(), 20)
  },
  redirect:
    (location: string, status = 302): Fault =>
    (_req, res) => {
      res.writeHead(status, { location, 'content-type': 'text/html' })
      res.end(`<a href="${location}">moved</a>`)
    },
  /** A body of `bytes` bytes, streamed, not announced. */
  huge:
    (bytes: number): Fault =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      const pump = (): void => {
        while (sent < bytes) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => undefined)
      pump()
    },
  rateLimited: (reset: number, header: 'x-ogw-ratelimit-reset' | 'retry-after' = 'x-ogw-ratelimit-reset'): Fault =>
    faults.json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { [header]: String(reset), 'x-ogw-ratelimit-limit': '10' })
}
