// The answer of each resource call: the one read-only call per kind that tells whether the app can reach it (plus the
// permission call for edit rights). Pure: a request in, an answer out. The server checks the token, the IP
// allowlist, the rate limits and the scopes first (harness/sandbox/endpoints.ts), then asks `answerResource`.
//
// Paths, query strings, bodies, codes and HTTP statuses are the Open Platform's, page by page. Where a page gives no
// status, or two pages disagree, the choice is written next to the code ("Not documented: ..."). The `msg` words
// are close to Feishu's where they have been seen and the sandbox's own otherwise: branch on `code`, never on `msg`.
import { RESOURCE_TITLES, SANDBOX_TENANT_URL } from './fixtures.js'
import { canRead, driveObject, entry, inWiki, nodeObject, readsNode } from './lookup.js'
import type { DriveObjectType, ResourceApp, SandboxAccess, SandboxResources, WikiObjectType } from './model.js'
import type { ResourceRequest } from './routes.js'

/** A resource call's answer: its HTTP status and its JSON body. */
export interface Answer {
  status: number
  body: unknown
}

const ok = (data: unknown): Answer => ({ status: 200, body: { code: 0, msg: 'success', data } })
const fail = (status: number, code: number, msg: string): Answer => ({ status, body: { code, msg } })
const hasBot = (app: ResourceApp): boolean => app.bot !== false && app.bot !== undefined

/** Tokens are letters and digits (current ones 27 of them; older ones start bascn, doxcn, shtcn, fldcn, wikcn). */
const TOKEN = /^[A-Za-z0-9]+$/
const CALENDAR_ID = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+$/
const SPACE_ID = /^[0-9]+$/
const OWNER_ID = 'ou_4f8e2a1c9b7d6e5f3a2b1c0d9e8f7a6b'
const EDITED_AT = '1764057600'

/** The answer of a resource call for an app whose token, allowlist, rate limit and scopes have been checked. */
export function answerResource(app: ResourceApp, request: ResourceRequest): Answer {
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

// GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat: whether the app's bot is in the chat. A bot outside the
// chat is an answer (code 0), not an error. Every failure is HTTP 400. Not confirmed: whether a dissolved chat has a
// code of its own here (sibling chat APIs answer 232009); the sandbox has no dissolved chats.
function chatAnswer(app: ResourceApp, resources: SandboxResources, id: string | null): Answer {
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

// GET /open-apis/calendar/v4/calendars/{calendar_id}: needs the Bot capability; the app's role on the calendar is
// `role`, and no role at all is 191002.
function calendarAnswer(app: ResourceApp, resources: SandboxResources, id: string | null): Answer {
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
const DRIVE_OBJECT_TYPES: ReadonlySet<string> = new Set<DriveObjectType>(['doc', 'file', 'mindnote', 'slides', 'minutes'])

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
  } else if (type !== null && DRIVE_OBJECT_TYPES.has(type)) {
    // Only the permission call answers for these: an object of another type with this token is not found.
    const object = entry(resources.driveObjects, token)
    found = object?.type === type ? object : inWiki(resources, type as WikiObjectType, token)
  }
  if (!found) return invalid
  if (found.deleted) return fail(400, 1063005, 'resource deleted')
  return ok({ auth_result: action === 'edit' ? found.access === 'edit' : canRead(found.access) })
}
