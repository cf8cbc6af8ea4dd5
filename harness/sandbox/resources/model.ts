// What the sandbox's resources are: the kinds an app can reach, how it reaches each, and the calls that ask.

export type SandboxAccess = 'none' | 'read' | 'edit'

/**
 * What of a sandbox app (SandboxApp, harness/sandbox/apps.ts) the resource calls read: named here, not imported, so
 * that the resource side never depends on the app model that holds its fixtures.
 */
export interface ResourceApp {
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
  wikiNodes?: Record<string, WikiNode>
  /** wiki space_id (digits) -> whether the app is a member of the space */
  wikiSpaces?: Record<string, { member: boolean }>
  /** Drive folder_token -> access; `deleted` (970005 in failed_list) */
  folders?: Record<string, { access: 'none' | 'read'; deleted?: boolean }>
  /** calendar_id -> the app's role; 'none' is no access role at all (191002); `deleted` (191003) */
  calendars?: Record<string, { role: 'none' | 'free_busy_reader' | 'reader' | 'writer' | 'owner'; deleted?: boolean }>
  /**
   * token -> an object only the permission call answers for (a legacy doc, an uploaded file, a mind note, a
   * presentation, a Minutes recording), its type and the app's access; `deleted` (1063005). Asked with another
   * type, its token is not found (1063001).
   */
  driveObjects?: Record<string, { type: DriveObjectType; access: SandboxAccess; deleted?: boolean }>
}

/** The objects only the permission call answers for, by its `type`. */
export type DriveObjectType = 'doc' | 'file' | 'mindnote' | 'slides' | 'minutes'

/** The kinds of object a wiki page can hold, by get_node's `obj_type`. */
export type WikiObjectType = 'docx' | 'sheet' | 'bitable' | 'doc' | 'file' | 'mindnote' | 'slides'

export interface WikiNode {
  spaceId: string
  access: SandboxAccess
  objType?: WikiObjectType
  objToken?: string
  /** For a Base (`objType` bitable): its advanced permissions are on and the app is in none of its roles (1254302). */
  advanced?: boolean
}

/** The read-only call of each kind, and the permission call that answers for edit rights. */
export type ResourceCall = 'chat' | 'base' | 'docx' | 'sheets' | 'wikiNode' | 'wikiSpace' | 'folder' | 'calendar' | 'permissionAuth'
