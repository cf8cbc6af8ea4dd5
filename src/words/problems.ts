// What each problem a resource check can find means, and what to do about it, for the kind of resource at hand: the
// words every resource code (words/codes.ts) and every finding without a code (a bot outside the chat) share.
import type { CallContext } from '../feishu/failure.js'
import { type AccessProblem, PERMISSION_CALL, RESOURCE_KINDS, type ResourceKind, kindScopes, scopesOfCall } from '../feishu/kinds.js'
import { consoleLabel } from './console.js'
import { capitalise, enableBot, permissionPage, publishVersion } from './phrases.js'

/** The context of a resource check's words: which resource, and for `no-scope`, the scopes that would do. */
export interface AccessContext extends CallContext {
  readonly scopes?: readonly string[]
  /** The kind whose call answers the code, when no resource is at hand (the README's table of codes). */
  readonly kind?: ResourceKind
}

export const kindOf = (c: AccessContext): ResourceKind | undefined => c.resource?.kind ?? c.kind
const nounOf = (c: AccessContext): string => {
  const kind = kindOf(c)
  return kind ? RESOURCE_KINDS[kind].noun : 'resource'
}
const inDocument = (c: AccessContext): string =>
  `in the ${nounOf(c)}, ${consoleLabel('doc-add-apps', c.endpoint)}, and pick the app (or share it with a group that holds the app's bot)`

/** How the app is given a resource of this kind. */
export function shareFix(c: AccessContext): string {
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
    case 'file':
    case 'minutes':
      return `Share the ${nounOf(c)} with the app (or with a group that holds the app's bot).`
    default:
      return `Share it with the app: ${inDocument(c)}.`
  }
}

/** For a resource that was deleted: out of the trash, or out of the list. */
export function restoreFix(c: AccessContext): string {
  return `Restore the ${nounOf(c)} from the trash, or take it out of 'required-access'.`
}

/** What each problem means and what to do about it, for the kind of resource at hand. */
export const ACCESS_PROBLEMS: Readonly<
  Record<AccessProblem, { readonly meaning: (c: AccessContext) => string; readonly fix: (c: AccessContext) => string }>
> = {
  'not-found': {
    meaning: c => `no such ${nounOf(c)}, or it was deleted`,
    fix: c => {
      const kind = kindOf(c)
      if (c.resource?.host)
        return `Check the link in 'required-access': copy it again from the browser's address bar while the ${nounOf(c)} is open.`
      return kind === 'chat' || kind === 'calendar'
        ? `Check the ${nounOf(c)}'s id in 'required-access' (docs/resources.md, in the action's repository, says where to find it).`
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
      const scopes =
        c.scopes && c.scopes.length > 0 ? c.scopes : c.call === 'edit' ? scopesOfCall(PERMISSION_CALL) : kind ? kindScopes(kind) : []
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
