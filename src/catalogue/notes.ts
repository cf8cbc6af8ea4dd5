// What the catalogue does not say of some scopes it lists: its lists are not split by identity, and they still name
// scopes the developer console has retired or refuses. The gate never asks an admin to grant these (the narrowest
// scope to grant skips them), and a required scope that was merged into another is said to be so. Each note names
// where it comes from (docs/feishu.md, "Scopes the catalogue lists but no one should be told to grant"). A scope the
// app's own scope list shows for the app identity is the app's to use, whatever this says.

export interface ScopeNote {
  /**
   * `user-side`: for the user identity (a user access token); `historical`: an older version the docs keep listing
   * beside its successors; `refused`: the console refuses it when scopes are imported in bulk; `merged`: the
   * console merged it into `into`.
   */
  readonly kind: 'user-side' | 'historical' | 'refused' | 'merged'
  /** For `merged`: the scope it became. */
  readonly into?: string
  readonly source: string
}

const MESSAGE_PAGE = "the open platform's im-v1/message/create page"
const REPORTS = "public reports of the console's bulk import of scopes"

export const SCOPE_NOTES: Readonly<Record<string, ScopeNote>> = {
  // Listed on the message page as 发送消息V2【历史版本】, beside im:message and im:message:send_as_bot.
  'im:message:send': { kind: 'historical', source: MESSAGE_PAGE },
  // The page's scope for sending as a user, beside im:message.
  'im:message.send_as_user': { kind: 'user-side', source: MESSAGE_PAGE },
  'im:message:get_as_user': { kind: 'user-side', source: REPORTS },
  'bitable:bitable': { kind: 'refused', source: REPORTS },
  'calendar:calendar.calendar:readonly': { kind: 'refused', source: REPORTS },
  'calendar:calendar.event:writeonly': { kind: 'refused', source: REPORTS },
  'im:message:basic': { kind: 'refused', source: REPORTS },
  'mail:user_mailbox': { kind: 'refused', source: REPORTS },
  'approval:task:read': { kind: 'merged', into: 'approval:task', source: REPORTS },
  'approval:task:write': { kind: 'merged', into: 'approval:task', source: REPORTS },
  'approval:instance:read': { kind: 'merged', into: 'approval:instance', source: REPORTS },
  'approval:instance:write': { kind: 'merged', into: 'approval:instance', source: REPORTS }
}

/** Takes a scope name, gives what is known of it beyond the catalogue, if anything. */
export function noteOn(scope: string): ScopeNote | undefined {
  return Object.hasOwn(SCOPE_NOTES, scope) ? SCOPE_NOTES[scope] : undefined
}
