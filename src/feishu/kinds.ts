// The kinds of resource an app must reach ('required-access'): chats, Bases, documents (and legacy ones), sheets, wiki
// pages and spaces, Drive folders and files, mind notes, presentations, Minutes and calendars. One row per kind: how people name it, the read-only call that answers for it
// and how to read that answer, the scopes that allow the call, its rate limit, and how edit rights are checked. A new
// kind is one row here, plus its words (src/words/) and the sandbox's answer (harness/).
// The calls, scopes, rate limits and link forms: docs/feishu.md, "Resources".

import { loadCatalogue } from '../catalogue/load.js'
import { quote } from '../output/text.js'

export type ResourceKind =
  | 'chat'
  | 'base'
  | 'docx'
  | 'sheet'
  | 'wiki'
  | 'wiki-space'
  | 'folder'
  | 'calendar'
  | 'doc'
  | 'file'
  | 'mindnote'
  | 'slides'
  | 'minutes'

/** The permission call's `type` for an object (drive/v1/permissions/:token/members/auth; there is no `folder`). */
export type PermissionType = 'docx' | 'sheet' | 'bitable' | 'wiki' | 'doc' | 'file' | 'mindnote' | 'slides' | 'minutes'

/** How a resource's edit rights are checked: the permission call's `type`, or the calendar's `role`. */
export type EditCheck = PermissionType | 'role'

/** What a resource check can find wrong, whatever code (or none: a bot outside the chat) said it. */
export type AccessProblem =
  | 'not-found'
  | 'no-access'
  | 'advanced-permissions'
  | 'not-member'
  | 'free-busy-only'
  | 'read-only'
  | 'no-scope'
  | 'scope-awaiting'
  | 'no-bot'
  | 'other'

/** One resource the app must reach: one line of 'required-access'. */
export interface Resource {
  readonly kind: ResourceKind
  readonly id: string
  /** Edit rights are needed as well as read access. */
  readonly edit: boolean
  /** The name the workflow gave it after `#`: text of the workflow file, shown only quoted. */
  readonly label?: string
  /** The reference as written, and ` edit` when edit rights were asked (no label): what 'missing-access' lists. */
  readonly entry: string
  /** The host of a browser link, for the region check. */
  readonly host?: string
  /** For the object a wiki page holds, checked as what it is: the page's node token, from the link the workflow gave. */
  readonly inWiki?: string
}

/**
 * What a read call's answer (its `data`, code 0) says: the app reaches the resource (`undefined`), a problem the
 * answer shows (a bot outside the chat), a Feishu code carried inside it (a folder's `failed_list`), or why the
 * answer cannot be used.
 */
export type ReadAnswer =
  | undefined
  | { readonly problem: AccessProblem; readonly call: 'access' | 'edit' }
  /** A wiki page that holds an object of a kind this table knows: the object is checked next, as what it is. */
  | { readonly holds: { readonly kind: ResourceKind; readonly id: string } }
  | { readonly code: number }
  | { readonly malformed: string }

/** The read-only call that answers for one resource. */
export interface ReadCall {
  readonly method: 'GET' | 'POST'
  /** The path (and query) for an id; `segment` encodes the id. */
  readonly path: (id: string) => string
  /** The JSON body, for a POST. */
  readonly body?: (id: string) => string
  /** What the answer's `data` says of `resource`. */
  readonly answer: (data: Record<string, unknown>, resource: Resource) => ReadAnswer
}

export interface ResourceKindRow {
  /** What people call it, e.g. "Base", "wiki page". */
  readonly noun: string
  /** Every id of this kind matches; characters outside it are in no token. */
  readonly id: RegExp
  /** What an id looks like, for an input error. */
  readonly idShape: string
  /** The forms of its browser links: a path whose one group is the id, or whose query parameter `param` is. */
  readonly links?: ReadonlyArray<{ readonly path: RegExp; readonly param?: string }>
  readonly read: ReadCall
  /** The read call as Feishu's API catalogue names it, `METHOD template`: the scopes that allow it are the catalogue's. */
  readonly call: string
  /**
   * The read call's limit per app and second, where a run could reach it (docx allows 5). Kinds limited per minute
   * only (100/min) need no pacing: a run checks at most 50 resources.
   */
  readonly perSecond?: number
  /** How `edit` is checked; absent: `edit` is an input error for this kind. */
  readonly edit?: EditCheck
}

/** An id as a path segment or query value: ids are checked when the input is read, this only guards the URL. */
export const segment = (id: string): string => encodeURIComponent(id).replace(/%40/g, '@')

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Document tokens are letters and digits (27 today; older ones start bascn, doxcn, shtcn, fldcn, wikcn). */
const DOC_TOKEN = /^[A-Za-z0-9]{1,64}$/
const DOC_TOKEN_SHAPE = 'letters and digits, at most 64'

/** A link whose path is `/{prefix}/{id}` (a trailing slash too). */
const pathLink = (prefix: string) => ({ path: new RegExp(`^/${prefix}/([^/]+)/?$`) })

/** A GET whose answer proves the resource readable by holding `data.<field>`; nothing of it is kept (titles are the tenant's). */
const getting = (path: (id: string) => string, field: string): ReadCall => ({
  method: 'GET',
  path,
  answer: data => (isRecord(data[field]) ? undefined : { malformed: `'data.${field}' is missing or not an object` })
})

/** The permission call (drive/v1/permissions/:token/members/auth) for an object of `type`: may the app view, or edit, it? */
export const permissionPath = (id: string, type: PermissionType, action: 'view' | 'edit'): string =>
  `/open-apis/drive/v1/permissions/${segment(id)}/members/auth?type=${type}&action=${action}`

/** The read call of the objects only the permission call answers for: may the app view it? */
const viewing = (type: PermissionType): ReadCall => ({
  method: 'GET',
  path: id => permissionPath(id, type, 'view'),
  answer: data =>
    typeof data.auth_result !== 'boolean'
      ? { malformed: "'data.auth_result' is missing or not true or false" }
      : data.auth_result
        ? undefined
        : { problem: 'no-access', call: 'access' }
})

/** The kind of each object a wiki page can hold (get_node's `obj_type`), where this table has the kind. */
const WIKI_OBJECTS: Readonly<Record<string, ResourceKind>> = {
  bitable: 'base',
  docx: 'docx',
  sheet: 'sheet',
  doc: 'doc',
  file: 'file',
  mindnote: 'mindnote',
  slides: 'slides'
}

/** get_node's answer: the page is readable; the object it holds is checked next, as what it is, when its kind is known. */
const wikiNode: ReadCall = {
  method: 'GET',
  path: id => `/open-apis/wiki/v2/spaces/get_node?token=${segment(id)}`,
  answer: data => {
    const node = data.node
    if (!isRecord(node)) return { malformed: "'data.node' is missing or not an object" }
    const kind = typeof node.obj_type === 'string' && Object.hasOwn(WIKI_OBJECTS, node.obj_type) ? WIKI_OBJECTS[node.obj_type] : undefined
    if (kind === undefined) return undefined
    const id = node.obj_token
    if (typeof id !== 'string' || !RESOURCE_KINDS[kind].id.test(id)) return { malformed: "'data.node.obj_token' is not a token" }
    return { holds: { kind, id } }
  }
}

/** A calendar's roles for the app (calendar/v4/calendars/:id, `role`): all but free_busy_reader can read events. */
export const CALENDAR_ROLES = ['free_busy_reader', 'reader', 'writer', 'owner'] as const

/** The permission call, as the catalogue names it: it answers for edit rights, and for the objects only it can read. */
export const PERMISSION_CALL = 'GET /open-apis/drive/v1/permissions/{token}/members/auth'

/** The objects only the permission call answers for: a token of letters and digits, a link, and a name. */
const checkedByPermission = (type: PermissionType, noun: string, prefix: string): ResourceKindRow => ({
  noun,
  id: DOC_TOKEN,
  idShape: DOC_TOKEN_SHAPE,
  links: [pathLink(prefix)],
  read: viewing(type),
  call: PERMISSION_CALL,
  edit: type
})

export const RESOURCE_KINDS: Readonly<Record<ResourceKind, ResourceKindRow>> = {
  chat: {
    noun: 'chat',
    id: /^oc_[A-Za-z0-9]{1,64}$/,
    idShape: "'oc_' followed by letters and digits, at most 64",
    // A chat opened from a message or a bot card: applink.feishu.cn/client/chat/open?openChatId=oc_...
    links: [{ path: /^\/client\/chat\/open\/?$/, param: 'openChatId' }],
    read: {
      method: 'GET',
      path: id => `/open-apis/im/v1/chats/${segment(id)}/members/is_in_chat`,
      // A bot outside the chat is an answer (code 0), not an error.
      answer: data =>
        typeof data.is_in_chat !== 'boolean'
          ? { malformed: "'data.is_in_chat' is missing or not true or false" }
          : data.is_in_chat
            ? undefined
            : { problem: 'no-access', call: 'access' }
    },
    call: 'GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat',
    perSecond: 50
  },
  base: {
    noun: 'Base',
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    links: [pathLink('base')],
    read: getting(id => `/open-apis/bitable/v1/apps/${segment(id)}`, 'app'),
    call: 'GET /open-apis/bitable/v1/apps/{app_token}',
    perSecond: 20,
    edit: 'bitable'
  },
  docx: {
    noun: 'document',
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    links: [pathLink('docx')],
    read: getting(id => `/open-apis/docx/v1/documents/${segment(id)}`, 'document'),
    call: 'GET /open-apis/docx/v1/documents/{document_id}',
    perSecond: 5,
    edit: 'docx'
  },
  sheet: {
    noun: 'spreadsheet',
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    links: [pathLink('sheets')],
    read: getting(id => `/open-apis/sheets/v3/spreadsheets/${segment(id)}`, 'spreadsheet'),
    call: 'GET /open-apis/sheets/v3/spreadsheets/{spreadsheet_token}',
    edit: 'sheet'
  },
  wiki: {
    noun: 'wiki page',
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    // Not /wiki/settings/ID nor /wiki/space/ID (a space), nor those words alone (a space link cut short).
    links: [{ path: /^\/wiki\/(?!(?:settings|space)(?:\/|$))([^/]+)\/?$/ }],
    read: wikiNode,
    call: 'GET /open-apis/wiki/v2/spaces/get_node',
    edit: 'wiki'
  },
  'wiki-space': {
    noun: 'wiki space',
    id: /^[0-9]{1,32}$/,
    idShape: 'digits, at most 32',
    // The space's settings, or its home page.
    links: [{ path: /^\/wiki\/(?:settings|space)\/([^/]+)\/?$/ }],
    read: getting(id => `/open-apis/wiki/v2/spaces/${segment(id)}`, 'space'),
    call: 'GET /open-apis/wiki/v2/spaces/{space_id}'
  },
  folder: {
    noun: 'Drive folder',
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    links: [{ path: /^\/drive\/folder\/([^/]+)\/?$/ }],
    read: {
      // Read-only despite POST: the metadata of the docs listed.
      method: 'POST',
      path: () => '/open-apis/drive/v1/metas/batch_query',
      body: id => JSON.stringify({ request_docs: [{ doc_token: id, doc_type: 'folder' }] }),
      answer: (data, { id }) => {
        const listed = (field: string) => (Array.isArray(data[field]) ? (data[field] as unknown[]).filter(isRecord) : [])
        const failed = listed('failed_list').find(item => item.token === id)
        if (failed)
          return typeof failed.code === 'number'
            ? { code: failed.code }
            : { malformed: "an entry of 'data.failed_list' has no numeric 'code'" }
        return listed('metas').some(item => item.doc_token === id)
          ? undefined
          : { malformed: "the folder is in neither 'data.metas' nor 'data.failed_list'" }
      }
    },
    call: 'POST /open-apis/drive/v1/metas/batch_query',
    perSecond: 50
  },
  calendar: {
    noun: 'calendar',
    // feishu.cn_xxx@group.calendar.feishu.cn
    id: /^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$/,
    idShape: 'letters, digits and . _ @ -, at most 200 (such as feishu.cn_xxx@group.calendar.feishu.cn)',
    read: {
      method: 'GET',
      path: id => `/open-apis/calendar/v4/calendars/${segment(id)}`,
      // The app's role decides both: a free/busy reader sees no events, a reader cannot change them.
      answer: (data, { edit }) => {
        const role = data.role
        if (typeof role !== 'string' || !(CALENDAR_ROLES as readonly string[]).includes(role))
          return { malformed: `'data.role' is not one of the roles a calendar gives (${CALENDAR_ROLES.join(', ')})` }
        if (role === 'free_busy_reader') return { problem: 'free-busy-only', call: 'access' }
        return edit && role === 'reader' ? { problem: 'read-only', call: 'edit' } : undefined
      }
    },
    call: 'GET /open-apis/calendar/v4/calendars/{calendar_id}',
    perSecond: 50,
    edit: 'role'
  },
  doc: checkedByPermission('doc', 'legacy document', 'docs'),
  file: checkedByPermission('file', 'file', 'file'),
  mindnote: checkedByPermission('mindnote', 'mind note', 'mindnotes'),
  slides: checkedByPermission('slides', 'presentation', 'slides'),
  minutes: checkedByPermission('minutes', 'Minutes recording', 'minutes')
}

export const KIND_NAMES = Object.keys(RESOURCE_KINDS) as ResourceKind[]

/** The permission call that says whether the app may edit an object (the permission call's `type`). */
export const editPath = (id: string, type: PermissionType): string => permissionPath(id, type, 'edit')

/** How a resource is named in the log: its label (quoted: text of the workflow file), its kind and its id. */
export function resourceName({ kind, id, label, inWiki }: Pick<Resource, 'kind' | 'id' | 'label' | 'inWiki'>): string {
  const what = inWiki === undefined ? `${RESOURCE_KINDS[kind].noun} ${id}` : `${RESOURCE_KINDS[kind].noun} in wiki page ${inWiki}`
  return label ? `${quote(label, 80)} (${what})` : what
}

const scopesByCall = new Map<string, readonly string[]>()

/**
 * The scopes that allow a call of the catalogue (`METHOD template`), any one of them: Feishu's API catalogue, read on
 * first use. Throws for a call the catalogue lacks (a test holds every row's call to it).
 */
export function scopesOfCall(call: string): readonly string[] {
  if (!scopesByCall.has(call)) {
    const found = loadCatalogue().tenantCalls.find(({ method, path }) => `${method} ${path}` === call)
    if (!found) throw new Error(`${call} is not a call of the catalogue`)
    scopesByCall.set(call, found.scopes)
  }
  return scopesByCall.get(call)!
}

/** The scopes that allow reading a resource of a kind (its read call's, in the catalogue). */
export const kindScopes = (kind: ResourceKind): readonly string[] => scopesOfCall(RESOURCE_KINDS[kind].call)
