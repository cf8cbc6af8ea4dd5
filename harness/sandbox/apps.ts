// The sandbox's app model: what an app is (its credentials, scopes, state in the tenant, bot, allowlist and
// resources), and the apps the tests, `npm start` and `npm run sandbox` use.
import { TEST_RESOURCES } from './resources/fixtures.js'
import type { SandboxResources } from './resources/model.js'

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
   * The calls left of the tenant's monthly quota of API calls: when set, each call with a tenant token takes one, and
   * once none is left every such call answers 99991403 (HTTP 429) until the month turns. Not confirmed: whether the
   * token calls count; in the sandbox they do not.
   */
  quotaLeft?: number
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

/** TEST_APP's read scopes: one for each resource call (RESOURCE_SCOPES), and the permission call's, for the app identity, sorted. */
export const TEST_APP_READ_SCOPES: readonly string[] = [
  'bitable:app:readonly',
  'calendar:calendar:readonly',
  'docs:permission.member:auth',
  'docx:document:readonly',
  'drive:drive.metadata:readonly',
  'im:chat:readonly',
  'sheets:spreadsheet:readonly',
  'wiki:wiki:readonly'
]

export const TEST_APP: SandboxApp = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'SECRETsandboxAppSecretK7mQ2xW9vR',
  scopes: [
    { scope_name: 'im:message', grant_status: 1, scope_type: 'tenant' },
    { scope_name: 'im:message:send_as_bot', grant_status: 1 },
    { scope_name: 'bitable:app', grant_status: 2, scope_type: 'tenant' },
    { scope_name: 'contact:user.base:readonly', grant_status: 1, scope_type: 'user' },
    ...TEST_APP_READ_SCOPES.map(scope_name => ({ scope_name, grant_status: 1, scope_type: 'tenant' as const }))
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
