// The scopes each resource call accepts, and the 99991672 answer of a call the app holds none of them for.
import type { Answer } from './answers.js'
import type { ResourceApp, ResourceCall } from './model.js'

/** The scopes each call accepts, any one of them enough; with none granted to the app identity it answers 99991672. */
export const RESOURCE_SCOPES: Readonly<Record<ResourceCall, readonly string[]>> = {
  chat: ['im:chat', 'im:chat:readonly', 'im:chat.members:read', 'im:chat.group_info:readonly'],
  base: ['base:app:read', 'bitable:app', 'bitable:app:readonly'],
  docx: ['docx:document', 'docx:document:readonly'],
  sheets: ['drive:drive', 'drive:drive:readonly', 'sheets:spreadsheet', 'sheets:spreadsheet.meta:read', 'sheets:spreadsheet:readonly'],
  wikiNode: ['wiki:node:read', 'wiki:wiki', 'wiki:wiki:readonly'],
  wikiSpace: ['wiki:space:read', 'wiki:wiki', 'wiki:wiki:readonly'],
  folder: ['drive:drive', 'drive:drive.metadata:readonly'],
  calendar: ['calendar:calendar', 'calendar:calendar:read', 'calendar:calendar:readonly'],
  permissionAuth: [
    'docs:permission.member:auth',
    'drive:drive',
    'docs:doc',
    'sheets:spreadsheet',
    'bitable:app',
    'bitable:bitable',
    'wiki:wiki'
  ]
}

/** The scopes the app identity holds: granted (1), and for the tenant (an entry without `scope_type` counts as one). */
function tenantScopes(app: ResourceApp): Set<string> {
  return new Set((app.scopes ?? []).filter(s => s.grant_status === 1 && (s.scope_type ?? 'tenant') === 'tenant').map(s => s.scope_name))
}

/** The 99991672 answer of a call whose accepted scopes the app holds none of, shaped as Feishu's, or undefined. */
export function scopeRequired(app: ResourceApp, call: ResourceCall, consoleUrl: string, logId: string): Answer | undefined {
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
