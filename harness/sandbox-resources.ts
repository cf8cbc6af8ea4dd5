// The sandbox's resources: chats, Bases, docx documents, sheets, wiki pages and spaces, Drive folders and calendars,
// each with the app's access, and the one read-only call per kind that tells whether the app can reach it (plus the
// permission call for edit rights). Pure: a request in, an answer out. harness/sandbox.ts checks the token, the IP
// allowlist, the rate limits and the scopes first, then asks `answerResource`.
//
// Paths, query strings, bodies, codes and HTTP statuses are the Open Platform's, page by page. Where a page gives no
// status, or two pages disagree, the choice is written next to the code ("Not documented: ..."). The `msg` words
// are close to Feishu's where they have been seen and the sandbox's own otherwise: branch on `code`, never on `msg`.
import { createHash } from 'node:crypto'

export type SandboxAccess = 'none' | 'read' | 'edit'

/** What of a sandbox app (harness/sandbox.ts SandboxApp) the resource calls read. */
export interface SandboxApp {
  appId: string
  scopes?: ReadonlyArray<{ scope_name: string; grant_status: number; scope_type?: string }>
  bot?: unknown
  resources?: SandboxResources
}

/**
 * What the app can reach, kind by kind. An id a kind does not list is "not found" with that kind's code; an id
 * with characters no token has is that kind's "invalid" (Base 1254003, calendar 191001) or, where the kind has no
 * such code, "not found".
 */
export interface SandboxResources {
  /** chat_id -> the app's bot is in the chat or not; `otherTenant` (232010), `external` (232033: an external chat and the app lacks the external-chat scope) */
  chats?: Record<string, { botInChat: boolean; otherTenant?: boolean; external?: boolean }>
  /** Base app_token -> the app's access; `advanced`: advanced permissions on and the app in no role (1254302, whatever `access`) */
  bases?: Record<string, { access: SandboxAccess; advanced?: boolean }>
  /** docx document_id -> access; `deleted` (1770003) */
  docx?: Record<string, { access: SandboxAccess; deleted?: boolean }>
  /** spreadsheet_token -> access; `deleted` (1310249) */
  sheets?: Record<string, { access: SandboxAccess; deleted?: boolean }>
  /**
   * wiki node_token -> its space, the app's access to the page, and what the node holds (`objType` docx and an
   * `objToken` made from the node token when left out). The app reads a page shared with it (`access` read or
   * edit) or any page of a space it is a member of; edit rights (the permission call) come from `access` alone.
   */
  wikiNodes?: Record<string, { spaceId: string; access: SandboxAccess; objType?: 'docx' | 'sheet' | 'bitable'; objToken?: string }>
  /** wiki space_id (digits) -> whether the app is a member of the space */
  wikiSpaces?: Record<string, { member: boolean }>
  /** Drive folder_token -> access; `deleted` (970005 in failed_list) */
  folders?: Record<string, { access: 'none' | 'read'; deleted?: boolean }>
  /** calendar_id -> the app's role; 'none' is no access role at all (191002); `deleted` (191003) */
  calendars?: Record<string, { role: 'none' | 'free_busy_reader' | 'reader' | 'writer' | 'owner'; deleted?: boolean }>
}

/** The read-only call of each kind, and the permission call that answers for edit rights. */
export type ResourceCall = 'chat' | 'base' | 'docx' | 'sheets' | 'wikiNode' | 'wikiSpace' | 'folder' | 'calendar' | 'permissionAuth'

/** The scopes each call accepts, any one of them enough; with none granted to the app identity it answers 99991672. */
export const RESOURCE_SCOPES: Readonly<Record<ResourceCall, readonly string[]>> = {
  chat: ['im:chat', 'im:chat:readonly', 'im:chat.members:read', 'im:chat.group_info:readonly'],
  base: ['base:app:read', 'bitable:app', 'bitable:app:readonly'],
  docx: ['docx:document', 'docx:document:readonly'],
  sheets: ['drive:drive', 'drive:drive:readonly', 'sheets:spreadsheet', 'sheets:spreadsheet:readonly'],
  wikiNode: ['wiki:node:read', 'wiki:wiki', 'wiki:wiki:readonly'],
  wikiSpace: ['wiki:space:read', 'wiki:wiki', 'wiki:wiki:readonly'],
  folder: ['drive:drive', 'drive:drive.metadata:readonly'],
  calendar: ['calendar:calendar', 'calendar:calendar:read', 'calendar:calendar:readonly'],
  permissionAuth: ['docs:permission.member:auth', 'drive:drive', 'docs:doc', 'sheets:spreadsheet', 'bitable:app', 'wiki:wiki']
}

/**
 * Each call's limits per app, in fixed windows that start with the first call counted. The wiki node and wiki space
 * calls are two APIs with 100/min each, so they count apart.
 */
export const RESOURCE_RATE_LIMITS: Readonly<Record<ResourceCall, ReadonlyArray<{ limit: number; windowMs: number }>>> = {
  chat: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  base: [{ limit: 20, windowMs: 1000 }],
  docx: [{ limit: 5, windowMs: 1000 }],
  sheets: [{ limit: 100, windowMs: 60_000 }],
  wikiNode: [{ limit: 100, windowMs: 60_000 }],
  wikiSpace: [{ limit: 100, windowMs: 60_000 }],
  folder: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  calendar: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  permissionAuth: [{ limit: 100, windowMs: 60_000 }]
}

/**
 * The titles and names the sandbox's resources answer with: the tenant's data, and hostile on purpose (a workflow
 * command after a newline, Markdown, HTML, Chinese, a bidi override), each with a marker (`SANDBOX-TITLE`) a test
 * can look for, to prove the action never shows them.
 */
export const RESOURCE_TITLES = {
  base: '发布台账 SANDBOX-TITLE-base\n::error::from a Base name **bold** [link](https://evil.example/b) \u202eesab',
  docx: '上线检查单 SANDBOX-TITLE-docx\n::error::from a docx title <script>alert(1)</script> _em_ \u202excod',
  sheets: '值班表 SANDBOX-TITLE-sheets\n::error::from a sheet title | a | table | \u202eteehs',
  wikiNode: '运维手册 SANDBOX-TITLE-wikiNode\n::error::from a wiki page title ![i](https://evil.example/i.png) \u202eikiw',
  wikiSpace: '工程知识库 SANDBOX-TITLE-wikiSpace\n::error::from a wiki space name `code` \u202eecaps',
  folder: '发布产物 SANDBOX-TITLE-folder\n::error::from a folder name # heading \u202eredlof',
  calendar: '发布日历 SANDBOX-TITLE-calendar\n::error::from a calendar summary @everyone \u202eradnelac'
} as const

/** Where the sandbox's links point: a made-up tenant under feishu.cn, as a browser's address bar shows them. */
export const SANDBOX_TENANT_URL = 'https://sandbox.feishu.cn'

/** The ids of TEST_APP's resources, by what they are. */
export const TEST_RESOURCE_IDS = {
  /** The release chat: the bot is in it. */
  releaseChat: 'oc_96ce72da5955ef8c921b2e15f9ab6b8f',
  /** A chat the bot is not in. */
  otherChat: 'oc_9d39de47e13d269cd2cbe977e475c877',
  /** A Base shared with the app for reading. */
  sharedBase: 'koaiEIDOCn9Fh3Ysg8ECl98dxKF',
  /** A Base with advanced permissions, the app in none of its roles. */
  advancedBase: 'Wl9dgHY3pLqde7tdLGMLwkeBf0i',
  /** A docx document shared with the app for editing. */
  editableDocx: 'AnjPtuBOM5sVoeInkALWWbosIk3',
  /** A spreadsheet shared with the app for reading. */
  sheet: '3etttaoAaDimz9ZkxcwE2tGXgfr',
  /** A wiki page (a docx) in the space below, shared with the app for reading. */
  wikiNode: '9G29PqG6bmk0Dhcb0w8vhjREoo9',
  /** A wiki space the app is a member of. */
  wikiSpace: '7257147468238886802',
  /** A Drive folder shared with the app. */
  folder: 'jEYaeBrEvyDdBhFzzeIJnJarjQT',
  /** A calendar shared with the app as a reader. */
  calendar: 'feishu.cn_Kq3mT9vXbL2pWz8R4yNcAe@group.calendar.feishu.cn'
} as const

export const TEST_RESOURCES: SandboxResources = {
  chats: { [TEST_RESOURCE_IDS.releaseChat]: { botInChat: true }, [TEST_RESOURCE_IDS.otherChat]: { botInChat: false } },
  bases: { [TEST_RESOURCE_IDS.sharedBase]: { access: 'read' }, [TEST_RESOURCE_IDS.advancedBase]: { access: 'edit', advanced: true } },
  docx: { [TEST_RESOURCE_IDS.editableDocx]: { access: 'edit' } },
  sheets: { [TEST_RESOURCE_IDS.sheet]: { access: 'read' } },
  wikiNodes: { [TEST_RESOURCE_IDS.wikiNode]: { spaceId: TEST_RESOURCE_IDS.wikiSpace, access: 'read', objType: 'docx' } },
  wikiSpaces: { [TEST_RESOURCE_IDS.wikiSpace]: { member: true } },
  folders: { [TEST_RESOURCE_IDS.folder]: { access: 'read' } },
  calendars: { [TEST_RESOURCE_IDS.calendar]: { role: 'reader' } }
}

/**
 * `app` reaching `more` more chats, Bases and calendars (the kinds whose per-second limits let many checks go at
 * once): its bot in each chat, `access` to each Base and `role` on each calendar. Gives the app and each kind's
 * ids, TEST_RESOURCE_IDS' reachable one first.
 */
export function reachingMore<App extends SandboxApp>(
  app: App,
  more: number,
  { access, role }: { access: 'read' | 'edit'; role: 'reader' | 'writer' }
): { app: App; chats: string[]; bases: string[]; calendars: string[] } {
  const ids = (prefix: string, length: number, suffix = '') =>
    Array.from({ length: more }, (_, n) => `${prefix}${String(n + 1).padStart(length, '0')}${suffix}`)
  const chats = ids('oc_', 32)
  const bases = ids('Base', 23)
  const calendars = ids('feishu.cn_', 22, '@group.calendar.feishu.cn')
  const resources = app.resources ?? {}
  return {
    app: {
      ...app,
      resources: {
        ...resources,
        chats: { ...resources.chats, ...Object.fromEntries(chats.map(id => [id, { botInChat: true }])) },
        bases: { ...resources.bases, ...Object.fromEntries(bases.map(id => [id, { access }])) },
        calendars: { ...resources.calendars, ...Object.fromEntries(calendars.map(id => [id, { role }])) }
      }
    },
    chats: [TEST_RESOURCE_IDS.releaseChat, ...chats],
    bases: [TEST_RESOURCE_IDS.sharedBase, ...bases],
    calendars: [TEST_RESOURCE_IDS.calendar, ...calendars]
  }
}

/** One of the resource calls, with the id from its path (or query), `null` when the path's escapes do not decode. */
export interface ResourceRequest {
  call: ResourceCall
  id: string | null
  query: URLSearchParams
  body: string
}

export interface Answer {
  status: number
  body: unknown
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

/** The path and query of a request's target (origin-form, as clients send it), or undefined for anything else. */
export function parseTarget(target: string): URL | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined
  try {
    return new URL(target, 'http://sandbox.invalid')
  } catch {
    return undefined
  }
}

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

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** The scopes the app identity holds: granted (1), and for the tenant (an entry without `scope_type` counts as one). */
function tenantScopes(app: SandboxApp): Set<string> {
  return new Set((app.scopes ?? []).filter(s => s.grant_status === 1 && (s.scope_type ?? 'tenant') === 'tenant').map(s => s.scope_name))
}

/** The 99991672 answer of a call whose accepted scopes the app holds none of, shaped as Feishu's, or undefined. */
export function scopeRequired(app: SandboxApp, call: ResourceCall, consoleUrl: string, logId: string): Answer | undefined {
  const held = tenantScopes(app)
  const accepted = RESOURCE_SCOPES[call]
  if (accepted.some(scope => held.has(scope))) return undefined
  const link = `${consoleUrl}/app/${app.appId}/auth?q=${accepted.join(',')}&op_from=openapi&token_type=tenant`
  return {
    status: 400,
    body: {
      code: 99991672,
      msg: `Access denied. One of the following scopes is required: [${accepted.join(', ')}].应用尚未开通所需的应用身份权限：[${accepted.join(', ')}]，点击链接申请并开通任一权限即可：${link}`,
      error: {
        log_id: logId,
        permission_violations: accepted.map(subject => ({ type: 'action_scope_required', subject })),
        helps: [{ url: link, description: 'Enable one of these scopes on the app identity, then publish a version.' }]
      }
    }
  }
}

/** Counts each app's calls per kind in fixed windows; `hit` says which limit a call is over, if any. */
export function resourceRateLimiter(now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(appId: string, call: ResourceCall): { limit: number; resetSeconds: number } | undefined {
      const at = now()
      let over: { limit: number; resetSeconds: number } | undefined
      for (const { limit, windowMs } of RESOURCE_RATE_LIMITS[call]) {
        const key = `${appId} ${call} ${windowMs}`
        let window = windows.get(key)
        if (!window || at - window.start >= windowMs) {
          window = { start: at, count: 0 }
          windows.set(key, window)
        }
        if (++window.count > limit && !over) over = { limit, resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)) }
      }
      return over
    }
  }
}

/** The answer of a resource call for an app whose token, allowlist, rate limit and scopes have been checked. */
export function answerResource(app: SandboxApp, request: ResourceRequest): Answer {
  const resources = app.resources ?? {}
  const id = request.id
  switch (request.call) {
    case 'chat':
      return chatAnswer(app, resources, id)
    case 'base':
      return baseAnswer(resources, id)
    case 'docx':
      return docxAnswer(resources, id)
    case 'sheets':
      return sheetsAnswer(resources, id)
    case 'wikiNode':
      return wikiNodeAnswer(resources, id, request.query.get('obj_type') ?? 'wiki')
    case 'wikiSpace':
      return wikiSpaceAnswer(resources, id)
    case 'folder':
      return batchQueryAnswer(resources, request.body)
    case 'calendar':
      return calendarAnswer(app, resources, id)
    case 'permissionAuth':
      return permissionAuthAnswer(resources, id, request.query.get('type'), request.query.get('action'))
  }
}

const ok = (data: unknown): Answer => ({ status: 200, body: { code: 0, msg: 'success', data } })
const fail = (status: number, code: number, msg: string): Answer => ({ status, body: { code, msg } })
const hasBot = (app: SandboxApp): boolean => app.bot !== false && app.bot !== undefined

/** Tokens are letters and digits (current ones 27 of them; older ones start bascn, doxcn, shtcn, fldcn, wikcn). */
const TOKEN = /^[A-Za-z0-9]+$/
const CALENDAR_ID = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+$/
const SPACE_ID = /^[0-9]+$/
const OWNER_ID = 'ou_4f8e2a1c9b7d6e5f3a2b1c0d9e8f7a6b'
const EDITED_AT = '1764057600'

/** The entry for `id`, never one of Object.prototype's names. */
function entry<T>(map: Record<string, T> | undefined, id: string | null): T | undefined {
  return map && id !== null && Object.hasOwn(map, id) ? map[id] : undefined
}

/** A docx, sheet or Base that sits in the wiki, found by its object token: it has the wiki node's access. */
function inWiki(resources: SandboxResources, objType: 'docx' | 'sheet' | 'bitable', token: string | null) {
  for (const [nodeToken, node] of Object.entries(resources.wikiNodes ?? {})) {
    if (nodeObject(nodeToken, node).objType === objType && nodeObject(nodeToken, node).objToken === token) return node
  }
  return undefined
}

function nodeObject(nodeToken: string, node: NonNullable<SandboxResources['wikiNodes']>[string]) {
  const objToken = node.objToken ?? createHash('sha256').update(nodeToken).digest('hex').slice(0, 27)
  return { objType: node.objType ?? 'docx', objToken }
}

const canRead = (access: SandboxAccess): boolean => access !== 'none'

/** Whether the app reads a wiki page: shared with it, or in a space it is a member of. */
function readsNode(resources: SandboxResources, node: NonNullable<SandboxResources['wikiNodes']>[string]): boolean {
  return canRead(node.access) || entry(resources.wikiSpaces, node.spaceId)?.member === true
}

// GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat: whether the app's bot is in the chat. A bot outside the
// chat is an answer (code 0), not an error. Every failure is HTTP 400. Not confirmed: whether a dissolved chat has a
// code of its own here (sibling chat APIs answer 232009); the sandbox has no dissolved chats.
function chatAnswer(app: SandboxApp, resources: SandboxResources, id: string | null): Answer {
  if (!hasBot(app)) return fail(400, 232025, 'Bot ability is not activated.')
  const chat = entry(resources.chats, id)
  if (!chat) return fail(400, 232006, 'Your request specifies a chat_id which is invalid.')
  if (chat.otherTenant) return fail(400, 232010, 'Operator and chat can NOT be in different tenants.')
  if (chat.external)
    return fail(400, 232033, 'The operator or invited bots does NOT have the authority to manage external chats without the scope.')
  return ok({ is_in_chat: chat.botInChat })
}

// GET /open-apis/bitable/v1/apps/{app_token}.
function baseAnswer(resources: SandboxResources, id: string | null): Answer {
  // 200 on one page, 400 on another: the sandbox says 400.
  if (id === null || !TOKEN.test(id)) return fail(400, 1254003, 'WrongBaseToken')
  const base = entry(resources.bases, id) ?? inWiki(resources, 'bitable', id)
  // 200 on one page, 404 on another: the sandbox says 404.
  if (!base) return fail(404, 1254040, 'BaseTokenNotFound')
  // 403 on most pages, 200 on some: the sandbox says 403.
  if ('advanced' in base && base.advanced) return fail(403, 1254302, 'RolePermNotAllow')
  // Not documented: the HTTP status of 91403. The sandbox says 403.
  if (!canRead(base.access)) return fail(403, 91403, 'Forbidden')
  return ok({ app: { app_token: id, name: RESOURCE_TITLES.base, revision: 12, is_advanced: false, time_zone: 'Asia/Shanghai' } })
}

// GET /open-apis/docx/v1/documents/{document_id}. No "invalid" code: a malformed id is not found.
function docxAnswer(resources: SandboxResources, id: string | null): Answer {
  const doc = entry(resources.docx, id) ?? inWiki(resources, 'docx', id)
  if (!doc || id === null) return fail(404, 1770002, 'not found')
  if ('deleted' in doc && doc.deleted) return fail(400, 1770003, 'resource deleted')
  if (!canRead(doc.access)) return fail(403, 1770032, 'forbidden')
  return ok({ document: { document_id: id, revision_id: 27, title: RESOURCE_TITLES.docx } })
}

// GET /open-apis/sheets/v3/spreadsheets/{spreadsheet_token}. spreadsheet/get's own page has no error table: the codes
// come from sibling sheets pages. No "invalid" code: a malformed token is not found.
function sheetsAnswer(resources: SandboxResources, id: string | null): Answer {
  const sheet = entry(resources.sheets, id) ?? inWiki(resources, 'sheet', id)
  if (!sheet || id === null) return fail(400, 1310214, 'spreadsheet not found')
  if ('deleted' in sheet && sheet.deleted) return fail(400, 1310249, 'spreadsheet deleted')
  // 400 on one page, 403 on another: the sandbox says 403.
  if (!canRead(sheet.access)) return fail(403, 1310213, 'permission fail')
  return ok({ spreadsheet: { title: RESOURCE_TITLES.sheets, owner_id: OWNER_ID, token: id, url: `${SANDBOX_TENANT_URL}/sheets/${id}` } })
}

const WIKI_OBJ_TYPES = new Set(['wiki', 'doc', 'docx', 'sheet', 'mindnote', 'bitable', 'file', 'slides'])

// GET /open-apis/wiki/v2/spaces/get_node?token=...&obj_type=...: a page by its node token (obj_type wiki, the
// default), or by the token of the object it holds (obj_type docx, sheet, bitable...). Failures are HTTP 400.
function wikiNodeAnswer(resources: SandboxResources, token: string | null, objType: string): Answer {
  if (!token) return fail(400, 99992402, 'field validation failed: token is required')
  if (!WIKI_OBJ_TYPES.has(objType)) return fail(400, 99992402, 'field validation failed: obj_type')
  const found = Object.entries(resources.wikiNodes ?? {}).find(([nodeToken, node]) =>
    objType === 'wiki'
      ? nodeToken === token
      : nodeObject(nodeToken, node).objType === objType && nodeObject(nodeToken, node).objToken === token
  )
  if (!found) return fail(400, 131005, 'not found')
  const [nodeToken, node] = found
  // A page not shared with the app, in a space the app is not a member of, is denied like a space is.
  if (!readsNode(resources, node)) return fail(400, 131006, 'permission denied')
  const { objType: type, objToken } = nodeObject(nodeToken, node)
  return ok({
    node: {
      space_id: node.spaceId,
      node_token: nodeToken,
      obj_token: objToken,
      obj_type: type,
      parent_node_token: '',
      node_type: 'origin',
      origin_node_token: nodeToken,
      origin_space_id: node.spaceId,
      has_child: false,
      title: RESOURCE_TITLES.wikiNode,
      obj_create_time: EDITED_AT,
      obj_edit_time: EDITED_AT,
      node_create_time: EDITED_AT,
      creator: OWNER_ID,
      owner: OWNER_ID
    }
  })
}

// GET /open-apis/wiki/v2/spaces/{space_id}: the app must be a member of the space. A space_id is a number; the
// call has no "invalid" code, so any other id is not found. Failures are HTTP 400.
function wikiSpaceAnswer(resources: SandboxResources, id: string | null): Answer {
  const space = id !== null && SPACE_ID.test(id) ? entry(resources.wikiSpaces, id) : undefined
  if (!space || id === null) return fail(400, 131005, 'not found')
  if (!space.member) return fail(400, 131006, 'permission denied')
  return ok({
    space: {
      name: RESOURCE_TITLES.wikiSpace,
      description: '',
      space_id: id,
      space_type: 'team',
      visibility: 'private',
      open_sharing: 'closed'
    }
  })
}

const DRIVE_DOC_TYPES = new Set(['doc', 'docx', 'sheet', 'bitable', 'mindnote', 'file', 'wiki', 'folder', 'slides', 'synced_block'])

// POST /open-apis/drive/v1/metas/batch_query, body {"request_docs": [{"doc_token", "doc_type"}], "with_url"}: read-only
// despite the POST, up to 200 tokens. Always HTTP 200 and code 0 once the body is valid: each token the app cannot
// read is in `failed_list` with its code (970003 no permission, 970005 not found or deleted, 970002 a type Drive
// does not know).
function batchQueryAnswer(resources: SandboxResources, body: string): Answer {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return fail(400, 9499, 'Bad Request')
  }
  const { request_docs: docs, with_url: withUrl } = (parsed ?? {}) as Record<string, unknown>
  const valid =
    Array.isArray(docs) &&
    docs.length >= 1 &&
    docs.length <= 200 &&
    docs.every(d => typeof d?.doc_token === 'string' && d.doc_token !== '' && typeof d?.doc_type === 'string')
  if (!valid) return fail(400, 99992402, 'field validation failed: request_docs')
  const metas: unknown[] = []
  const failed: Array<{ token: string; code: number }> = []
  for (const { doc_token: token, doc_type: type } of docs as Array<{ doc_token: string; doc_type: string }>) {
    if (!DRIVE_DOC_TYPES.has(type)) {
      failed.push({ token, code: 970002 })
      continue
    }
    const found = driveObject(resources, type, token)
    if (!found || found.deleted) failed.push({ token, code: 970005 })
    else if (!found.readable) failed.push({ token, code: 970003 })
    else
      metas.push({
        doc_token: token,
        doc_type: type,
        title: found.title,
        owner_id: OWNER_ID,
        create_time: EDITED_AT,
        latest_modify_user: OWNER_ID,
        latest_modify_time: EDITED_AT,
        ...(withUrl === true && {
          url: `${SANDBOX_TENANT_URL}/${type === 'folder' ? 'drive/folder' : type === 'bitable' ? 'base' : type === 'sheet' ? 'sheets' : type}/${token}`
        })
      })
  }
  return ok({ metas, failed_list: failed })
}

/** What Drive knows of a token of a type: readable or not, deleted or not, its title. The sandbox holds no doc, file or mindnote. */
function driveObject(
  resources: SandboxResources,
  type: string,
  token: string
): { readable: boolean; deleted: boolean; title: string } | undefined {
  const of = (found: { access: SandboxAccess; deleted?: boolean } | undefined, title: string) =>
    found && { readable: canRead(found.access), deleted: found.deleted === true, title }
  switch (type) {
    case 'folder':
      return of(entry(resources.folders, token), RESOURCE_TITLES.folder)
    case 'docx':
      return of(entry(resources.docx, token) ?? inWiki(resources, 'docx', token), RESOURCE_TITLES.docx)
    case 'sheet':
      return of(entry(resources.sheets, token) ?? inWiki(resources, 'sheet', token), RESOURCE_TITLES.sheets)
    case 'bitable': {
      const base = entry(resources.bases, token)
      if (base) return { readable: canRead(base.access) && !base.advanced, deleted: false, title: RESOURCE_TITLES.base }
      return of(inWiki(resources, 'bitable', token), RESOURCE_TITLES.base)
    }
    case 'wiki': {
      const node = entry(resources.wikiNodes, token)
      return node && { readable: readsNode(resources, node), deleted: false, title: RESOURCE_TITLES.wikiNode }
    }
    default:
      return undefined
  }
}

// GET /open-apis/calendar/v4/calendars/{calendar_id}: needs the Bot capability; the app's role on the calendar is
// `role`, and no role at all is 191002.
function calendarAnswer(app: SandboxApp, resources: SandboxResources, id: string | null): Answer {
  if (!hasBot(app)) return fail(404, 190007, 'bot is not activated')
  if (id === null || !CALENDAR_ID.test(id)) return fail(400, 191001, 'invalid calendar_id')
  const calendar = entry(resources.calendars, id)
  if (!calendar) return fail(404, 191000, 'calendar not found')
  if (calendar.deleted) return fail(403, 191003, 'calendar is deleted')
  if (calendar.role === 'none') return fail(403, 191002, 'no calendar access_role')
  return ok({
    calendar_id: id,
    summary: RESOURCE_TITLES.calendar,
    description: '',
    permissions: 'private',
    color: -1,
    type: 'shared',
    summary_alias: '',
    is_deleted: false,
    is_third_party: false,
    role: calendar.role
  })
}

// GET /open-apis/drive/v1/permissions/{token}/members/auth?type=...&action=...: whether the app may `view` or `edit`
// the object. It answers from the object's sharing (`access`): a Base's advanced permissions are the Base's own and
// do not change it. 1063001 ("invalid param", HTTP 400) for a token this `type` does not know, a wrong token/type
// pair, a type the sandbox holds nothing of (doc, file...) or that does not exist here (folder), and an action
// other than view and edit (the only two the sandbox knows). Not documented: the HTTP status of 1063005 (deleted);
// the sandbox says 400.
function permissionAuthAnswer(resources: SandboxResources, token: string | null, type: string | null, action: string | null): Answer {
  const invalid = fail(400, 1063001, 'invalid param')
  if (action !== 'view' && action !== 'edit') return invalid
  let found: { access: SandboxAccess; deleted?: boolean } | undefined
  if (type === 'docx') found = entry(resources.docx, token) ?? inWiki(resources, 'docx', token)
  else if (type === 'sheet') found = entry(resources.sheets, token) ?? inWiki(resources, 'sheet', token)
  else if (type === 'bitable') found = entry(resources.bases, token) ?? inWiki(resources, 'bitable', token)
  else if (type === 'wiki') {
    const node = entry(resources.wikiNodes, token)
    // Reading through space membership counts for `view`; edit rights are the page's own.
    found = node && { access: node.access === 'none' && readsNode(resources, node) ? 'read' : node.access }
  }
  if (!found) return invalid
  if (found.deleted) return fail(400, 1063005, 'resource deleted')
  return ok({ auth_result: action === 'edit' ? found.access === 'edit' : canRead(found.access) })
}
