// Feishu/Lark Open Platform codes: what each means, what to do, whether a retry can help, and how loud to be when a
// call's failure is only reported. A new code is one row here. The codes themselves: docs/feishu.md.
import { type CallContext, type RequestError, SENT_ONCE } from '../feishu/failure.js'
import { type AccessProblem, RESOURCE_KINDS, type ResourceKind } from '../feishu/kinds.js'
import { REGIONS, appConsoleUrl } from '../feishu/region.js'
import { consoleLabel } from './console.js'
import { type AccessContext, ACCESS_PROBLEMS, restoreFix, shareFix } from './problems.js'
import { capitalise, credentials, enableBot, otherRegionHint, permissionPage, publishVersion, say, serverName } from './phrases.js'

/** What the words of a code know: the call, and the answer's `msg` (server text: only facts parsed out of it are shown). */
export interface CodeContext extends CallContext {
  readonly msg?: string
}

export interface CodeRow {
  readonly code: number
  /** Some codes mean different things depending on msg (10014). */
  readonly msg?: RegExp
  readonly meaning: string | ((c: CodeContext) => string)
  readonly fix: string | ((c: CodeContext) => string)
  /**
   * `never`: no retry can fix it, whatever the HTTP status (wrong credentials fail at once); `always`: worth another
   * attempt whatever the status (rate limits). Otherwise the status decides: 429 and 5xx are retried.
   */
  readonly retry?: 'never' | 'always'
  /** How a failure of a call whose answer is only reported (the approval request) is logged; a warning otherwise. */
  readonly level?: 'info'
  /** What the code means for a resource check (an `access` or `edit` call): which of ACCESS_PROBLEMS it is. */
  readonly access?: AccessProblem
  /** The kind of resource whose call answers it, when only one does. */
  readonly kind?: ResourceKind
  /** Every other call of the run would get the same answer (the allowlist, the region): make no more. */
  readonly everyCall?: true
}

const disabledOrNotInstalled: Omit<CodeRow, 'code'> = {
  meaning: 'the app is disabled, or not installed in this tenant',
  retry: 'never',
  everyCall: true,
  fix: c =>
    `Enable the app and ${publishVersion(c)} in the developer console (${appConsoleUrl(c.endpoint, c.appId)}), then have the tenant admin approve it.`
}

/** " (116.132.239.105)": the address a 99991401 answer says it refused (the runner's egress address, not a secret). */
const refusedAddress = (msg = ''): string => {
  const address = /\b(?:\d{1,3}\.){3}\d{1,3}\b/.exec(msg)?.[0]
  return address ? ` (${address})` : ''
}

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
    meaning: c => `this runner's public IP address${refusedAddress(c.msg)} is not on the app's IP allowlist`,
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
    retry: 'never',
    everyCall: true
  },
  {
    code: 99991403,
    meaning: "the tenant's monthly quota of Open Platform API calls is used up",
    fix:
      'Every call answers this until the quota resets at the start of next month, and retrying only spends more, so the action ' +
      'sends no further request. The tenant admin sees the usage in the admin console, where a plan with a larger quota can be ' +
      "chosen; until then, run scheduled gates less often (docs/reliability.md, in the action's repository, lists what each check costs in calls).",
    retry: 'never',
    everyCall: true
  },
  ...resourceRows()
]

export function codeRow(code: number, msg: string): CodeRow | undefined {
  return CODES.find(row => row.code === code && (row.msg === undefined || row.msg.test(msg)))
}

/** What a failed request's code means for the resource checks: the problem it is, and whether every call gets it too. */
export function classify(error: RequestError): { readonly problem?: AccessProblem; readonly everyCall?: boolean } {
  const row = error.failure.kind === 'feishu' ? codeRow(error.failure.code, error.failure.msg) : undefined
  return { ...(row?.access && { problem: row.access }), ...(row?.everyCall && { everyCall: true }) }
}

/**
 * A code a resource call answers (that of `kind`, or the call for edit rights when none): its problem, and words of
 * its own where the problem's general words would say less.
 */
function onResource(
  code: number,
  kind: ResourceKind | undefined,
  access: AccessProblem,
  words: { meaning?: string | ((c: AccessContext) => string); fix?: (c: AccessContext) => string; everyCall?: true } = {}
): CodeRow {
  const withKind = (c: AccessContext): AccessContext => (kind ? { ...c, kind } : c)
  return {
    code,
    access,
    ...(kind && { kind }),
    retry: 'never',
    ...(words.everyCall && { everyCall: true }),
    meaning: c => (words.meaning === undefined ? ACCESS_PROBLEMS[access].meaning(withKind(c)) : say(words.meaning, withKind(c))),
    fix: c => (words.fix ?? ACCESS_PROBLEMS[access].fix)(withKind(c))
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
      fix: c => say(disabledOrNotInstalled.fix, c),
      everyCall: true
    }),
    onResource(91403, 'base', 'no-access'),
    onResource(91402, 'base', 'not-found', {
      meaning: 'no Base has this token',
      fix: () =>
        "Check the Base's link in 'required-access'. If the Base lives in a wiki, list the link the browser shows for it (https://…/wiki/…): " +
        "the token of a wiki link is the page's, not the Base's, and the action finds the Base through the page."
    }),
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
    onResource(1063001, undefined, 'not-found', {
      meaning: c =>
        c.call === 'edit'
          ? 'the check of edit rights found no such document of this kind'
          : `no such ${c.resource ? RESOURCE_KINDS[c.resource.kind].noun : 'object'}, or its token is of another kind`
    }),
    onResource(1063005, undefined, 'not-found', { meaning: 'the document was deleted', fix: restoreFix })
  ]
}
