// The words for what the resource checks found: one line per resource (its label and id, never a title from an
// answer), what is wrong and what to do, and the code and log id of the answer that said so.
import type { AccessResult } from '../checks/access.js'
import type { Context } from '../feishu/failure.js'
import { type Resource, resourceName } from '../feishu/kinds.js'
import { codeRow } from './codes.js'
import { describeFailure } from './failures.js'
import { say } from './phrases.js'
import { type AccessContext, ACCESS_PROBLEMS } from './problems.js'

/** A resource as the lines about it name it: its label, kind and id, and whether edit rights were asked for. */
const accessName = (resource: Resource): string => `${resourceName(resource)}${resource.edit ? ', with edit rights' : ''}`

/**
 * What a resource check found, in one line: the resource (its label and id, never a title from an answer), what is
 * wrong, what to do, and the code, status and log id of the answer that said so.
 */
export function describeAccess(result: AccessResult, context: Context, stoppedBy?: Resource): string {
  const { resource, problem, error } = result
  if (problem === undefined) return `${accessName(resource)}: reachable.`
  if (problem === 'not-checked') {
    const cause = stoppedBy ? `the answer that ${resourceName(stoppedBy)} got` : 'the answer explained above'
    return result.logId
      ? `${accessName(resource)}: refused too, with ${cause} (log id ${result.logId}).`
      : `${accessName(resource)}: not checked, because every call from this runner gets ${cause}.`
  }
  if (problem === 'failed' && error) return describeFailure(error, context, resource)
  const { meaning, fix } = accessWords(result, context)
  const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined
  const logId = error?.logId ?? result.logId
  const facts = [...(feishu ? [`code ${feishu.code}`, `HTTP ${feishu.status}`] : []), ...(logId ? [`log id ${logId}`] : [])]
  return `${accessName(resource)}: ${meaning}. ${fix}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`
}

/** What a resource check's problem means and what to do: the code's own words when a code said it, else the problem's. */
export function accessWords(
  { resource, problem, error, call = 'access', scopes }: AccessResult,
  context: Context
): { readonly meaning: string; readonly fix: string } {
  const c: AccessContext = { ...context, call, resource, ...(scopes && { scopes }) }
  const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined
  const row = feishu && codeRow(feishu.code, feishu.msg)
  // A code's own words, but for a missing scope: the problem's words name the scopes that would do.
  if (row?.access && problem !== 'no-scope') return { meaning: say(row.meaning, c), fix: say(row.fix, c) }
  const words = ACCESS_PROBLEMS[problem === undefined || problem === 'failed' || problem === 'not-checked' ? 'other' : problem]
  return { meaning: words.meaning(c), fix: words.fix(c) }
}

/** "the resource", "both resources", "all 5 resources": the resources of 'required-access', every one. */
export const everyResource = (count: number): string =>
  count === 1 ? 'the resource' : count === 2 ? 'both resources' : `all ${count} resources`

/** The step's words for the resources the app does not reach: one line each, a shared cause said once. */
export function describeMissingAccess(results: readonly AccessResult[], context: Context): string {
  const missing = results.filter(result => result.problem !== undefined)
  const stopper = results.find(
    result => result.problem !== 'not-checked' && result.error && missing.some(m => m.error === result.error && m !== result)
  )
  return [
    `${results.length === 1 ? 'The resource' : `${missing.length} of ${results.length} resources`} in 'required-access' ${missing.length === 1 ? 'is' : 'are'} out of reach for app ${context.appId}:`,
    ...missing.map(result => `- ${describeAccess(result, context, stopper?.resource)}`)
  ].join('\n')
}
