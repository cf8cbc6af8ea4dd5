// Can the app reach the resources the automation uses ('required-access')? One read-only call a resource (its kind's,
// src/feishu/kinds.ts), and one more for edit rights, several at once on the run's one agent, each kind within its
// rate limit. Pure: what was found is data; src/words/access.ts puts it into words.
import pLimit from 'p-limit'
import type { FeishuClient } from '../feishu/client.js'
import { RequestError, wasNotSent } from '../feishu/failure.js'
import {
  type AccessProblem,
  PERMISSION_CALL,
  RESOURCE_KINDS,
  type Resource,
  kindScopes,
  resourceName,
  scopesOfCall
} from '../feishu/kinds.js'
import { type RetryPolicy, withRetry } from '../feishu/retry.js'
import { type Pacer, pacer } from './pacer.js'

/** At most this many requests in flight at once: each new one opens a connection (or a proxy tunnel). */
export const MAX_IN_FLIGHT = 8

/** What a resource check found. */
export interface AccessResult {
  readonly resource: Resource
  /**
   * Absent: the app reaches it (and may edit it, when `edit` was asked). `failed`: a request failed otherwise
   * (network, retries used up, a code with no meaning for resources); `not-checked`: not tried, or refused like the
   * rest, because a call got an answer every call of the run gets (the IP allowlist), or the run stopped before.
   */
  readonly problem?: AccessProblem | 'failed' | 'not-checked'
  /** Which call found it: the read call, or the call for edit rights. */
  readonly call?: 'access' | 'edit'
  /** The request that said so (its code and log id), or for `not-checked` the one that stopped the checks. */
  readonly error?: RequestError
  /** For `no-scope`: the scopes that would allow the check; for `scope-awaiting`, those of them awaiting approval. */
  readonly scopes?: readonly string[]
  /** The log id of the answer that said so, when it was not an error (the bot is not in the chat, no edit rights). */
  readonly logId?: string
}

/** What a failed request's answer means for the checks (the code table's row): its problem, and whether every call gets it. */
export type Classify = (error: RequestError) => { readonly problem?: AccessProblem; readonly everyCall?: boolean }

export interface AccessTools {
  readonly client: FeishuClient
  readonly policy: RetryPolicy
  readonly classify: Classify
  /**
   * What the gate listed, when it ran: the scopes the tenant token carries, and those configured that await the
   * tenant's approval. A check that none of the first allows is not made.
   */
  readonly scopes?: { readonly granted: ReadonlySet<string>; readonly awaiting: ReadonlySet<string> }
}

/** What a request not sent rejects with: withRetry never retries it (it is no RequestError). */
const STOPPED = new Error('not sent: every call of this run gets the answer that stopped the checks')

/** Whether a request's error says it never went out: stopped, or its turn came too late. */
const stoppedOrNotSent = (error: unknown): boolean => error === STOPPED || wasNotSent(error)

const unpaced: Pacer = call => call(false)

/** The checks of one run: their requests in flight together, each kind paced, and the answer that stops them all. */
interface Checking {
  readonly tools: AccessTools
  readonly token: string
  /** One request of a check, with the run's retries: paced by its kind when `pace` says so, then in flight with the others. */
  request<T>(resource: Resource, pace: boolean, call: (remainingMs: number) => Promise<T>): Promise<T>
  /** The answer every later call would get too (the allowlist), once one got it, and the resource whose request got it. */
  readonly stoppedBy: () => { readonly error: RequestError; readonly resource: Resource } | undefined
}

/**
 * Checks every resource: resolves with one result per resource, in the order given; never rejects for a failed
 * request (a bug still throws). Each request has the run's retry rules and deadline; a stalled attempt drops only
 * its own connection.
 */
export async function checkAccess(resources: readonly Resource[], token: string, tools: AccessTools): Promise<AccessResult[]> {
  const checking = startChecking(token, tools)
  // Every check starts at once, before any answer: a check stops, if it must, where its request waits to be sent.
  return Promise.all(resources.map(resource => checkOne(resource, checking)))
}

function startChecking(token: string, tools: AccessTools): Checking {
  const { policy, classify } = tools
  const inFlight = pLimit(MAX_IN_FLIGHT)
  const pacers = new Map<Resource['kind'], Pacer>()
  const paced = (kind: Resource['kind']): Pacer => {
    const perSecond = RESOURCE_KINDS[kind].perSecond
    if (perSecond === undefined) return unpaced
    if (!pacers.has(kind)) pacers.set(kind, pacer(perSecond, 1000, policy, stoppedOrNotSent))
    return pacers.get(kind)!
  }
  let stop: { readonly error: RequestError; readonly resource: Resource } | undefined
  const request = <T>(resource: Resource, pace: boolean, call: (remainingMs: number) => Promise<T>): Promise<T> =>
    withRetry(
      () =>
        (pace ? paced(resource.kind) : unpaced)(late =>
          inFlight(async () => {
            if (stop) throw STOPPED
            try {
              // A turn that comes after the deadline sends nothing: the client says so, as for any request too late.
              return await call(late ? 0 : policy.deadlineAt - policy.now())
            } catch (error) {
              // Set before the slot is free for the next request.
              if (error instanceof RequestError && classify(error).everyCall) stop ??= { error, resource }
              throw error
            }
          })
        ),
      // Several checks retry at once: each retry line names its resource.
      { ...policy, onRetry: line => policy.onRetry(`${resourceName(resource)}: ${line}`) }
    )
  return { tools, token, request, stoppedBy: () => stop }
}

/** One resource: its read call, then (read first, so "not found" and "not shared" keep their own words) its edit rights. */
async function checkOne(resource: Resource, checking: Checking): Promise<AccessResult> {
  const { client } = checking.tools
  const unscoped = scopeProblem(resource, 'access', kindScopes(resource.kind), checking.tools)
  if (unscoped) return unscoped
  try {
    const { value: found, logId } = await checking.request(resource, true, ms => client.read(checking.token, resource, ms))
    // A page that holds a Base, a document...: the object is what the automation uses, so it is checked as what it is.
    if (found && 'holds' in found) return checkOne({ ...resource, ...found.holds, inWiki: resource.id }, checking)
    if (found) return { resource, ...found, ...(logId && { logId }) }
  } catch (error) {
    return failed(resource, error, 'access', checking)
  }
  const type = RESOURCE_KINDS[resource.kind].edit
  if (!resource.edit || type === undefined || type === 'role') return { resource }
  const unscopedEdit = scopeProblem(resource, 'edit', scopesOfCall(PERMISSION_CALL), checking.tools)
  if (unscopedEdit) return unscopedEdit
  try {
    const { value: editable, logId } = await checking.request(resource, false, ms => client.canEdit(checking.token, resource.id, type, ms))
    return editable ? { resource } : { resource, problem: 'read-only', call: 'edit', ...(logId && { logId }) }
  } catch (error) {
    return failed(resource, error, 'edit', checking)
  }
}

/** Why no request can be made: no scope of the call granted (and some awaiting approval, or none configured). */
function scopeProblem(
  resource: Resource,
  call: 'access' | 'edit',
  scopes: readonly string[],
  { scopes: listed }: AccessTools
): AccessResult | undefined {
  if (listed === undefined || scopes.some(scope => listed.granted.has(scope))) return undefined
  const awaiting = scopes.filter(scope => listed.awaiting.has(scope))
  return awaiting.length > 0
    ? { resource, problem: 'scope-awaiting', call, scopes: awaiting }
    : { resource, problem: 'no-scope', call, scopes }
}

/** A check's request failed: what its answer means for the resource, or that the checks were stopped. */
function failed(resource: Resource, error: unknown, call: 'access' | 'edit', { tools, stoppedBy }: Checking): AccessResult {
  const stop = stoppedBy()
  // The check whose own answer stopped the others is the one that explains it, even when a retry of it met the stop.
  if (error === STOPPED) {
    return stop!.resource === resource
      ? { resource, problem: 'failed', call, error: stop!.error }
      : { resource, problem: 'not-checked', error: stop!.error }
  }
  if (!(error instanceof RequestError)) throw error
  const { problem, everyCall } = tools.classify(error)
  // Explained once, for the request that got the answer first; the others in flight got the same (their log id).
  if (everyCall && error !== stop?.error) {
    return { resource, problem: 'not-checked', error: stop!.error, ...(error.logId && { logId: error.logId }) }
  }
  if (problem && error.failure.kind === 'feishu') {
    return { resource, problem, call, error, ...(error.failure.scopes && { scopes: error.failure.scopes }) }
  }
  return { resource, problem: 'failed', call, error }
}

/**
 * The answer that refused a check as it refuses every call of the run (the IP allowlist, the other region), if one
 * did: then the app does not work from this runner at all, whatever 'on-missing-access' says.
 */
export function refusedEveryCall(results: readonly AccessResult[], classify: Classify): RequestError | undefined {
  return results.find(({ error }) => error && classify(error).everyCall)?.error
}
