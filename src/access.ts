// Can the app reach the resources the automation uses ('required-access')? One read-only call a resource, and one
// more for edit rights, several at once on the run's one agent, each kind within its rate limit. Pure: what was
// found is data; errors.ts puts it into words.
import pLimit from 'p-limit'
import { codeRow } from './codes.js'
import type { FeishuClient } from './feishu.js'
import { type AccessResult, RequestError } from './failure.js'
import { EDIT_SCOPES, KINDS, type Resource, resourceName } from './resources.js'
import { type RetryPolicy, withRetry } from './retry.js'

/** At most this many requests in flight at once: each new one opens a connection (or a proxy tunnel). */
export const MAX_IN_FLIGHT = 8

export interface AccessTools {
  readonly client: FeishuClient
  readonly policy: RetryPolicy
  /**
   * What the gate listed, when it ran: the scopes the tenant token carries, and those configured that await the
   * tenant's approval. A check that none of the first allows is not made.
   */
  readonly scopes?: { readonly granted: ReadonlySet<string>; readonly awaiting: ReadonlySet<string> }
}

/**
 * Checks every resource: resolves with one result per resource, in the order given; never rejects for a failed
 * request (a bug still throws). Each request has the run's retry rules and deadline; a stalled attempt drops only
 * its own connection.
 */
export async function checkAccess(resources: readonly Resource[], token: string, tools: AccessTools): Promise<AccessResult[]> {
  const { client, policy, scopes: listed } = tools
  const inFlight = pLimit(MAX_IN_FLIGHT)
  const pacers = new Map<string, Pacer>()
  const paced = (kind: Resource['kind']): Pacer => {
    const perSecond = KINDS[kind].perSecond
    if (perSecond === undefined) return call => call()
    if (!pacers.has(kind)) pacers.set(kind, pacer(perSecond, 1000, policy))
    return pacers.get(kind)!
  }
  const left = () => policy.deadlineAt - policy.now()
  /** The answer every later call would get too (the allowlist): once seen, no more requests are sent. */
  let stop: RequestError | undefined

  /**
   * One request of a check, with the run's retries: paced by its kind, then one of the requests in flight, unless an
   * answer every call gets arrived while it waited.
   */
  const request = <T>(resource: Resource, pace: Pacer, call: (remainingMs: number) => Promise<T>): Promise<T> =>
    withRetry(
      () =>
        pace(() =>
          inFlight(async () => {
            if (stop) throw STOPPED
            try {
              return await call(left())
            } catch (error) {
              // Set before the slot is free for the next request.
              if (error instanceof RequestError && rowOf(error)?.everyCall) stop ??= error
              throw error
            }
          })
        ),
      // Several checks retry at once: each retry line names its resource.
      { ...policy, onRetry: line => policy.onRetry(`${resourceName(resource)}: ${line}`) }
    )

  const failed = (resource: Resource, error: unknown, call: 'access' | 'edit'): AccessResult => {
    if (error === STOPPED) return { resource, problem: 'not-checked', error: stop! }
    if (!(error instanceof RequestError)) throw error
    const row = rowOf(error)
    // Explained once, for the request that got the answer first; the others in flight got the same (their log id).
    if (row?.everyCall && error !== stop)
      return { resource, problem: 'not-checked', error: stop!, ...(error.logId && { logId: error.logId }) }
    if (row?.access && error.failure.kind === 'feishu') {
      return { resource, problem: row.access, call, error, ...(error.failure.scopes && { scopes: error.failure.scopes }) }
    }
    return { resource, problem: 'failed', call, error }
  }
  /** Why no request can be made: no scope of the call granted (and some awaiting approval, or none configured). */
  const scopeProblem = (resource: Resource, call: 'access' | 'edit', scopes: readonly string[]): AccessResult | undefined => {
    if (listed === undefined || scopes.some(scope => listed.granted.has(scope))) return undefined
    const awaiting = scopes.filter(scope => listed.awaiting.has(scope))
    return awaiting.length > 0
      ? { resource, problem: 'scope-awaiting', call, scopes: awaiting }
      : { resource, problem: 'no-scope', call, scopes }
  }

  // Every check starts at once, before any answer: a check stops, if it must, where its request waits to be sent.
  const check = async (resource: Resource): Promise<AccessResult> => {
    const { kind, id, edit } = resource
    const row = KINDS[kind]
    const unscoped = scopeProblem(resource, 'access', row.scopes)
    if (unscoped) return unscoped
    const pace = paced(kind)
    try {
      switch (kind) {
        case 'chat': {
          const { value: inChat, logId } = await request(resource, pace, ms => client.isInChat(token, id, ms))
          if (!inChat) return { resource, problem: 'no-access', call: 'access', ...(logId && { logId }) }
          break
        }
        case 'calendar': {
          const { value: role, logId } = await request(resource, pace, ms => client.calendarRole(token, id, ms))
          if (role === 'free_busy_reader') return { resource, problem: 'free-busy-only', call: 'access', ...(logId && { logId }) }
          if (edit && role === 'reader') return { resource, problem: 'read-only', call: 'edit', ...(logId && { logId }) }
          break
        }
        case 'base':
          await request(resource, pace, ms => client.base(token, id, ms))
          break
        case 'docx':
          await request(resource, pace, ms => client.document(token, id, ms))
          break
        case 'sheet':
          await request(resource, pace, ms => client.spreadsheet(token, id, ms))
          break
        case 'wiki':
          await request(resource, pace, ms => client.wikiNode(token, id, ms))
          break
        case 'wiki-space':
          await request(resource, pace, ms => client.wikiSpace(token, id, ms))
          break
        case 'folder':
          await request(resource, pace, ms => client.folder(token, id, ms))
          break
      }
    } catch (error) {
      return failed(resource, error, 'access')
    }
    const type = row.edit
    if (!edit || type === undefined || type === 'role') return { resource }
    // Read first, so that "not found" and "not shared" keep their own words; then the edit rights.
    const unscopedEdit = scopeProblem(resource, 'edit', EDIT_SCOPES)
    if (unscopedEdit) return unscopedEdit
    try {
      const { value: editable, logId } = await request(
        resource,
        call => call(),
        ms => client.canEdit(token, id, type, ms)
      )
      return editable ? { resource } : { resource, problem: 'read-only', call: 'edit', ...(logId && { logId }) }
    } catch (error) {
      return failed(resource, error, 'edit')
    }
  }
  return Promise.all(resources.map(check))
}

/**
 * The answer that refused a check as it refuses every call of the run (the IP allowlist, the other region), if one
 * did: then the app does not work from this runner at all, whatever 'on-missing-access' says.
 */
export function refusedEveryCall(results: readonly AccessResult[]): RequestError | undefined {
  return results.find(({ error }) => error && rowOf(error)?.everyCall)?.error
}

type Pacer = <T>(call: () => Promise<T>) => Promise<T>

const rowOf = (error: RequestError) => (error.failure.kind === 'feishu' ? codeRow(error.failure.code, error.failure.msg) : undefined)

/** What a request not sent rejects with: withRetry never retries it (it is no RequestError). */
const STOPPED = new Error('not sent: every call of this run gets the answer that stopped the checks')

/**
 * At most `limit` calls per `windowMs`, counted as the server counts them: a call may start only `windowMs` after
 * the answer of an earlier one (the server saw that call before it answered), so that however long each took to
 * arrive, no window at the server holds more than `limit`. p-limit keeps `limit` at once; each call past the first
 * `limit` waits for the earliest answered one's window to pass.
 */
function pacer(limit: number, windowMs: number, { now, sleep }: Pick<RetryPolicy, 'now' | 'sleep'>): Pacer {
  const slots = pLimit(limit)
  /** When each answered call's window ends, earliest first; each is taken by one later call. */
  const freeAt: number[] = []
  let started = 0
  return call =>
    slots(async () => {
      if (started++ >= limit) {
        const wait = freeAt.shift()! - now()
        if (wait > 0) await sleep(wait)
      }
      try {
        return await call()
      } finally {
        freeAt.push(now() + windowMs)
      }
    })
}
