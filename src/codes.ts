// Feishu/Lark Open Platform codes: what each means, what to do, whether a retry can help, and how loud to be when
// a call's failure is only reported. A new code is one row here. The codes themselves: docs/feishu.md.
import { consoleLabel } from './console.js'
import { type AccessProblem, type CallContext, type Context, SENT_ONCE } from './failure.js'
import { type Endpoint, REGIONS, REGION_NAMES, appConsoleUrl, otherRegion } from './region.js'
import { EDIT_SCOPES, KINDS, type ResourceKind } from './resources.js'

export interface CodeRow {
  readonly code: number
  /** Some codes mean different things depending on msg (10014). */
  readonly msg?: RegExp
  readonly meaning: string | ((c: CallContext) => string)
  readonly fix: string | ((c: CallContext) => string)
  /**
   * `never`: no retry can fix it, whatever the HTTP status (wrong credentials fail at once); `always`: worth another
   * attempt whatever the status (rate limits). Otherwise the status decides: 429 and 5xx are retried.
   */
  readonly retry?: 'never' | 'always'
  /** How a failure of a call whose answer is only reported (the approval request) is logged; a warning otherwise. */
  readonly level?: 'info'
  /** What the code means for a resource check (an `access` or `edit` call): which of ACCESS's problems it is. */
  readonly access?: AccessProblem
  /** The kind of resource whose call answers it, when only one does. */
  readonly kind?: ResourceKind
  /** Every other call of the run would get the same answer (the allowlist, the region): make no more. */
  readonly everyCall?: true
}

/** "Feishu (open.feishu.cn)", or "the server at feishu.example.com" for a custom base URL. */
export const serverName = (endpoint: Endpoint): string => {
  const host = new URL(endpoint.baseUrl).host
  return endpoint.region ? `${REGIONS[endpoint.region].label} (${host})` : `the server at ${host}`
}

const otherRegionHint = (endpoint: Endpoint): string => {
  if (!endpoint.region) {
    // A custom base URL says nothing of the app's region: name both.
    const both = REGION_NAMES.map(name => `a ${REGIONS[name].label} app \`region: ${name}\` (${REGIONS[name].baseUrl})`).join(', ')
    return `Apps and tokens do not cross regions: check that 'base-url' serves the region the app was created in, or drop 'base-url' and set ${both}.`
  }
  const other = otherRegion(endpoint.region)
  return `Apps and tokens do not cross regions: if the app was created on ${other.label}, set \`region: ${other.name}\` (${other.baseUrl}).`
}

const credentials = (c: Context): string =>
  `Copy the App ID and App Secret from the app's ${consoleLabel('credentials', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)})`

/** "the app's Permissions & Scopes (权限管理) page (https://open.feishu.cn/app/cli_.../auth)" */
export const permissionPage = (c: Context): string =>
  `the app's ${consoleLabel('permissions', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)}/auth)`

/** "publish a version on the app's Version Management & Release (版本管理与发布) page" */
export const publishVersion = (c: Pick<Context, 'endpoint'>): string =>
  `publish a version on the app's ${consoleLabel('versions', c.endpoint)} page`

const disabledOrNotInstalled: Omit<CodeRow, 'code'> = {
  meaning: 'the app is disabled, or not installed in this tenant',
  fix: c =>
    `Enable the app and ${publishVersion(c)} in the developer console (${appConsoleUrl(c.endpoint, c.appId)}), then have the tenant admin approve it.`
}

/** The Bot capability, for the calls that need it. */
export const enableBot = (c: Context): string =>
  `enable the Bot capability on the app's page in the developer console (${appConsoleUrl(c.endpoint, c.appId)}): ` +
  `${consoleLabel('add-bot-capability', c.endpoint)}; then publish a version with it on the app's ${consoleLabel('versions', c.endpoint)} page, ` +
  'and have the tenant admin enable that version'

const tokenInvalid: Omit<CodeRow, 'code'> = {
  fix: c =>
    `Run the action again; if it keeps failing, the token may come from another region or deployment. ${otherRegionHint(c.endpoint)}`,
  meaning: 'the token is invalid or expired'
}

export const CODES: readonly CodeRow[] = [
  {
    code: 10003,
    meaning: 'the App ID is missing, malformed or unknown',
    fix: c => `${credentials(c)} and check 'app-id'.`,
    retry: 'never'
  },
  {
    code: 10014,
    msg: /id not exist/i,
    meaning: c => `no app with this App ID exists on ${c.endpoint.region ? REGIONS[c.endpoint.region].label : 'this server'}`,
    fix: c => `${otherRegionHint(c.endpoint)} Otherwise check 'app-id'.`,
    retry: 'never'
  },
  {
    code: 10014,
    meaning: 'the App Secret is wrong for this App ID',
    fix: c =>
      `${credentials(c)}; regenerating the secret invalidates the old one, so update the secret the workflow passes as 'app-secret'.`,
    retry: 'never'
  },
  { code: 99991543, meaning: 'the App ID or App Secret is incorrect', fix: c => `${credentials(c)}.`, retry: 'never' },
  {
    code: 99991400,
    meaning: 'the request was rate limited',
    fix: c =>
      SENT_ONCE.has(c.call)
        ? 'Too many requests for this app right now, and this request is sent once and never retried: run the workflow again later, or ask the tenant admin directly.'
        : "Too many requests for this app right now: run fewer jobs at once, or raise 'max-attempts' / 'timeout-seconds'.",
    retry: 'always'
  },
  {
    code: 212100,
    meaning: 'the app is not installed or not enabled in the tenant',
    fix: c => `${capitalise(publishVersion(c))} of the app and have the tenant admin enable it (${appConsoleUrl(c.endpoint, c.appId)}).`,
    retry: 'never'
  },
  {
    code: 99991401,
    meaning: "this runner's public IP address is not on the app's IP allowlist",
    fix: c =>
      // The token endpoints ignore the allowlist: said only where a token was indeed issued.
      (c.call === 'token'
        ? ''
        : 'The token endpoint ignores the allowlist, which is why a token was issued; every other call from this runner is refused. ') +
      'GitHub-hosted runners get a different address from job to job: run the job on a runner with a fixed egress address ' +
      '(self-hosted, or a larger runner with static IP addresses) and add that address to the allowlist, or clear the allowlist, ' +
      `in the app's ${consoleLabel('security', c.endpoint)} in the developer console (${appConsoleUrl(c.endpoint, c.appId)}).`,
    retry: 'never',
    everyCall: true
  },
  { code: 99991661, meaning: 'no token was sent with the request', fix: 'This is a bug in the action: please report it.' },
  {
    code: 99991671,
    meaning: 'the token is malformed',
    fix: "Check that 'base-url' points at the Feishu/Lark Open Platform and not at another service."
  },
  { code: 99991663, ...tokenInvalid },
  { code: 99991668, ...tokenInvalid, meaning: 'the token is not valid for this request: invalid, expired or replaced' },
  { code: 99991662, ...disabledOrNotInstalled },
  { code: 99991673, ...disabledOrNotInstalled },
  {
    code: 99991672,
    meaning: 'the app has not enabled a scope this API needs',
    fix: c => `Add the scope on ${permissionPage(c)} and ${publishVersion(c)}.`,
    access: 'no-scope'
  },
  {
    code: 99991676,
    meaning: 'the token lacks a scope this API needs',
    fix: c => `Add the scope on ${permissionPage(c)}, ${publishVersion(c)}, and have the tenant admin approve it.`,
    access: 'no-scope'
  },
  {
    code: 11205,
    meaning: 'the app has no bot: its Bot capability is not enabled in a published version',
    fix: c => `${capitalise(enableBot(c))}; or leave 'check-bot' off.`,
    retry: 'never'
  },
  {
    code: 230006,
    meaning: "the app's Bot capability is not activated",
    fix: c => `${capitalise(enableBot(c))}.`,
    retry: 'never'
  },
  {
    code: 212001,
    meaning: 'only high-sensitivity scopes await approval, and those cannot be requested through the API',
    fix: c => `Request them on ${permissionPage(c)} in the developer console.`
  },
  {
    code: 212002,
    meaning: 'no scope of the app awaits approval, so there was nothing to request',
    fix: c => `A scope that is not configured on the app must be added on ${permissionPage(c)}, then ${publishVersion(c)}.`,
    level: 'info'
  },
  {
    code: 212003,
    meaning: 'the app has used up its 10 approval requests for this version',
    fix: c => `Ask the tenant admin directly, or ${publishVersion(c)} (${appConsoleUrl(c.endpoint, c.appId)}) to request again.`
  },
  {
    code: 212004,
    meaning: 'an approval request for these scopes is already waiting for the tenant admin',
    fix: 'Nothing more to send: remind the tenant admin to approve it in the admin console.',
    level: 'info'
  },
  {
    code: 1000040351,
    meaning: c =>
      `the app belongs to the other region ("Incorrect domain name"); ${serverName(c.endpoint)} accepted its credentials but does not serve it`,
    fix: c => otherRegionHint(c.endpoint),
    everyCall: true
  },
  ...resourceRows()
]

/** The app's state in the tenant, as bot/v3/info reports it (`activate_status`): only 2, enabled, is usable. */
export interface ActivationRow {
  readonly status: number
  readonly meaning: string
  readonly fix: (c: Context) => string
}

const inAdminConsole = 'in the admin console (App Management)'
export const ACTIVATION: readonly ActivationRow[] = [
  {
    status: 0,
    meaning: 'the app is initialised but not yet installed in the tenant',
    fix: c => `${capitalise(publishVersion(c))} (${appConsoleUrl(c.endpoint, c.appId)}) and have the tenant admin install and enable it.`
  },
  {
    status: 1,
    meaning: 'the tenant admin has disabled the app',
    fix: () => `Ask the tenant admin to enable it again ${inAdminConsole}.`
  },
  { status: 2, meaning: 'the app is enabled', fix: () => '' },
  {
    status: 3,
    meaning: 'the app is installed but awaits enabling',
    fix: () => `Have the tenant admin enable it ${inAdminConsole}.`
  },
  {
    status: 4,
    meaning: 'the app was upgraded and the new version awaits enabling',
    fix: () => `Have the tenant admin enable the new version ${inAdminConsole}.`
  },
  {
    status: 5,
    meaning: 'the app is disabled because its licence expired',
    fix: () => `Have the tenant admin renew the app's licence ${inAdminConsole}, then enable it.`
  },
  {
    status: 6,
    meaning: "the app is disabled because the tenant's Lark plan expired or was downgraded",
    fix: () => 'Have the tenant admin renew or upgrade the plan, then enable the app.'
  }
]

/** The words for an activate_status, including one this table does not know. */
export function activationRow(status: number): ActivationRow {
  return (
    ACTIVATION.find(row => row.status === status) ?? {
      status,
      meaning: 'the app is in a state this action does not know',
      fix: () => `Check the app's state ${inAdminConsole}: only an enabled app (activate_status 2) is usable.`
    }
  )
}

export function codeRow(code: number, msg: string): CodeRow | undefined {
  return CODES.find(row => row.code === code && (row.msg === undefined || row.msg.test(msg)))
}

/** The context of a resource check's words: which resource, and for `no-scope`, the scopes that would do. */
export interface AccessContext extends CallContext {
  readonly scopes?: readonly string[]
  /** The kind whose call answers the code, when no resource is at hand (the README's table of codes). */
  readonly kind?: ResourceKind
}

const kindOf = (c: AccessContext): ResourceKind | undefined => c.resource?.kind ?? c.kind
const nounOf = (c: AccessContext): string => {
  const kind = kindOf(c)
  return kind ? KINDS[kind].noun : 'resource'
}
const inDocument = (c: AccessContext): string =>
  `in the ${nounOf(c)}, ${consoleLabel('doc-add-apps', c.endpoint)}, and pick the app (or share it with a group that holds the app's bot)`

/** How the app is given a resource of this kind. */
function shareFix(c: AccessContext): string {
  switch (kindOf(c)) {
    case 'chat':
      return `Add the app's bot to the group: in the chat, ${consoleLabel('chat-add-bot', c.endpoint)}.`
    case 'wiki':
      return `Add the app (or a group that holds its bot) as a member of the wiki space, or share the page with it: ${inDocument(c)}.`
    case 'wiki-space':
      return "Add the app (or a group that holds its bot) as a member of the wiki space, in the space's settings."
    case 'folder':
      return "Share the folder with the app (or with a group that holds the app's bot)."
    case 'calendar':
      return 'Share the calendar with the app, as a reader at least (a writer, when the workflow changes events).'
    default:
      return `Share it with the app: ${inDocument(c)}.`
  }
}

/** What each problem means and what to do about it, for the kind of resource at hand. */
export const ACCESS: Readonly<
  Record<AccessProblem, { readonly meaning: (c: AccessContext) => string; readonly fix: (c: AccessContext) => string }>
> = {
  'not-found': {
    meaning: c => `no such ${nounOf(c)}, or it was deleted`,
    fix: c => {
      const kind = kindOf(c)
      if (c.resource?.host)
        return `Check the link in 'required-access': copy it again from the browser's address bar while the ${nounOf(c)} is open.`
      return kind === 'chat' || kind === 'calendar'
        ? `Check the ${nounOf(c)}'s id in 'required-access' (the README says where to find it).`
        : `Check the ${nounOf(c)}'s id in 'required-access', or give the link the browser shows while it is open.`
    }
  },
  'no-access': {
    meaning: c => (kindOf(c) === 'chat' ? "the app's bot is not in this chat" : `the ${nounOf(c)} is not shared with the app`),
    fix: shareFix
  },
  'advanced-permissions': {
    meaning: () => 'the Base uses advanced permissions and no role of it holds the app',
    fix: c =>
      `Add the app, or a group that holds its bot, to a role of the Base: in the Base, ${consoleLabel('base-advanced-permissions', c.endpoint)}.`
  },
  'not-member': {
    meaning: c =>
      kindOf(c) === 'wiki'
        ? 'the app is not a member of the wiki space, and the page is not shared with it'
        : 'the app is not a member of this wiki space',
    fix: shareFix
  },
  'free-busy-only': {
    meaning: () => "the app may see only when this calendar is free or busy (role 'free_busy_reader'), not its events",
    fix: shareFix
  },
  'read-only': {
    meaning: c => `the app can read this ${nounOf(c)} but not edit it`,
    fix: c =>
      kindOf(c) === 'calendar'
        ? "Make the app a writer of the calendar: share it with the app with the role 'writer'."
        : `Give the app edit rights: ${inDocument(c)}, with the permission to edit.`
  },
  'no-scope': {
    meaning: c =>
      `the app holds none of the scopes ${c.call === 'edit' ? 'that the check of edit rights needs' : `that reading a ${nounOf(c)} needs`}, so the check could not be made`,
    fix: c => {
      const kind = kindOf(c)
      const scopes = c.scopes && c.scopes.length > 0 ? c.scopes : c.call === 'edit' ? EDIT_SCOPES : kind ? KINDS[kind].scopes : []
      return `Enable one of ${scopes.join(', ')} for the app identity on ${permissionPage(c)}, then ${publishVersion(c)}.`
    }
  },
  'scope-awaiting': {
    meaning: c =>
      `the app's scope for ${c.call === 'edit' ? 'checking edit rights' : `reading a ${nounOf(c)}`} (${(c.scopes ?? []).join(', ')}) awaits the tenant admin's approval, so the check could not be made`,
    fix: () => "Ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them."
  },
  'no-bot': {
    meaning: c => `the app's Bot capability is off, and a ${nounOf(c)} is reached through the bot`,
    fix: c => `${capitalise(enableBot(c))}.`
  },
  other: { meaning: () => 'the app cannot reach it', fix: () => 'See the code and message that follow.' }
}

/** For a resource that was deleted: out of the trash, or out of the list. */
function restoreFix(c: AccessContext): string {
  return `Restore the ${nounOf(c)} from the trash, or take it out of 'required-access'.`
}

/**
 * A code a resource call answers (that of `kind`, or the call for edit rights when none): its problem, and words of
 * its own where the problem's general words would say less.
 */
function onResource(
  code: number,
  kind: ResourceKind | undefined,
  access: AccessProblem,
  words: { meaning?: string; fix?: (c: AccessContext) => string } = {}
): CodeRow {
  const withKind = (c: AccessContext): AccessContext => (kind ? { ...c, kind } : c)
  return {
    code,
    access,
    ...(kind && { kind }),
    retry: 'never',
    meaning: c => words.meaning ?? ACCESS[access].meaning(withKind(c)),
    fix: c => (words.fix ?? ACCESS[access].fix)(withKind(c))
  }
}

/** The codes of the resource calls (docs/feishu.md, "Resources"). */
function resourceRows(): CodeRow[] {
  return [
    onResource(232006, 'chat', 'not-found', {
      meaning: 'no chat with this id that the app can see',
      fix: c => `Check the chat id; a chat the app's bot is not in may be invisible to it. ${shareFix(c)}`
    }),
    onResource(232009, 'chat', 'not-found', { meaning: 'the chat was dissolved' }),
    onResource(232010, 'chat', 'other', {
      meaning: 'the chat belongs to another tenant',
      fix: () => "An app reaches only the chats of its own tenant: check the chat id in 'required-access'."
    }),
    onResource(232025, 'chat', 'no-bot'),
    onResource(232033, 'chat', 'other', {
      meaning: 'this is an external chat, and the app lacks the scope for external chats',
      fix: c => `Enable the scope for external chats on ${permissionPage(c)} and ${publishVersion(c)}, or check an internal chat.`
    }),
    onResource(232034, 'chat', 'other', {
      meaning: 'the app is not installed in the tenant, or is disabled there',
      fix: c => say(disabledOrNotInstalled.fix, c)
    }),
    onResource(91403, 'base', 'no-access'),
    onResource(1254302, 'base', 'advanced-permissions'),
    onResource(1254040, 'base', 'not-found'),
    onResource(1254003, 'base', 'not-found', { meaning: 'this is not a valid Base token' }),
    onResource(1770032, 'docx', 'no-access'),
    onResource(1770002, 'docx', 'not-found'),
    onResource(1770003, 'docx', 'not-found', { meaning: 'the document was deleted', fix: restoreFix }),
    onResource(1310213, 'sheet', 'no-access'),
    onResource(1310214, 'sheet', 'not-found'),
    onResource(1310249, 'sheet', 'not-found', { meaning: 'the spreadsheet was deleted', fix: restoreFix }),
    onResource(131006, 'wiki', 'not-member'),
    onResource(131005, 'wiki', 'not-found'),
    onResource(970003, 'folder', 'no-access'),
    onResource(970005, 'folder', 'not-found'),
    onResource(970002, 'folder', 'not-found', { meaning: 'this is not a Drive folder' }),
    onResource(191002, 'calendar', 'no-access'),
    onResource(191000, 'calendar', 'not-found'),
    onResource(191001, 'calendar', 'not-found', { meaning: 'this is not a valid calendar id' }),
    onResource(191003, 'calendar', 'not-found', {
      meaning: 'the calendar was deleted',
      fix: () => "Take it out of 'required-access', or share another calendar with the app."
    }),
    onResource(190007, 'calendar', 'no-bot'),
    onResource(1063001, undefined, 'not-found', { meaning: 'the check of edit rights found no such document of this kind' }),
    onResource(1063005, undefined, 'not-found', { meaning: 'the document was deleted', fix: restoreFix })
  ]
}

export const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

/** A row's meaning or fix, in the words of this call's context. */
export const say = (text: string | ((c: CallContext) => string), c: CallContext): string => (typeof text === 'string' ? text : text(c))
