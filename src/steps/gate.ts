// The scope gate: the app's scopes as the tenant token carries them, compared with 'required-scopes'; the approval
// request when asked; the scope outputs; and the verdict, said by src/words/gate.ts.
import { loadCatalogue } from '../catalogue/load.js'
import { gateVerdict } from '../checks/gate.js'
import { type ScopeCheck, checkScopes } from '../checks/scopes.js'
import { RequestError } from '../feishu/failure.js'
import { withRetry } from '../feishu/retry.js'
import { OUTPUTS_BUDGET_BYTES, fitLists, outputSize } from '../output/limits.js'
import { quote } from '../output/text.js'
import type { Approval, GateReport } from '../summary/report.js'
import { describeFailure, reportLevel } from '../words/failures.js'
import { allCallsMessage, allGrantedMessage, coveredMessage, gateWords } from '../words/gate.js'
import type { Finding, Log, Step } from './step.js'

/** Lists the app's scopes, asks for approval when told to, sets the scope outputs, and passes, warns or fails. */
export async function scopeGate(step: Step, token: string): Promise<Finding & { gate: GateReport }> {
  const { log, config, client, policy } = step
  const listed = await withRetry(left => client.scopes(token, left), policy)
  const check = checkScopes(config.requiredScopes, listed.scopes, { calls: config.requiredCalls, catalogue: loadCatalogue })
  sayWhatWasLeftOut(check, log)
  const awaiting = [...check.statuses, ...check.calls].some(({ status }) => status === 'awaiting-approval')
  const approval = config.requestApproval && awaiting ? await askForApproval(step, token) : undefined
  setScopeOutputs(step, check, approval)
  const verdict = gateVerdict(check, config)
  const { failure, warnings } = gateWords(verdict, check, config)
  sayWhatHolds(check, log)
  for (const warning of warnings) log.warning(warning)
  const gate: GateReport = {
    check,
    onMissing: config.onMissingScopes,
    onUnexpected: config.onUnexpectedScopes,
    requestApproval: config.requestApproval,
    ...(verdict.grantLink && { grantLink: verdict.grantLink }),
    ...(approval && { approval })
  }
  return { outcome: verdict.outcome, ...(failure && { failure }), gate }
}

/** What the token carries of what is required: every scope and call held, and the scopes held through broader ones. */
function sayWhatHolds(check: ScopeCheck, log: Log): void {
  for (const covered of check.statuses.filter(({ by }) => by !== undefined)) log.info(coveredMessage(covered))
  if (check.statuses.length > 0 && check.missing.length === 0) log.info(allGrantedMessage(check))
  if (check.calls.length > 0 && check.missingCalls.length === 0) log.info(allCallsMessage(check))
}

/** Names the server listed that are not scope names, and scope types this action does not know. */
function sayWhatWasLeftOut(check: ScopeCheck, log: Log): void {
  if (check.ignored.length > 0) {
    log.debug(
      `Left out ${check.ignored.length} listed name(s) that are not scope names: ${check.ignored
        .slice(0, 10)
        .map(name => quote(name, 60))
        .join(', ')}`
    )
  }
  if (check.unknownTypes.length > 0) {
    log.warning(
      `Feishu listed scopes with a scope_type this action does not know (${check.unknownTypes
        .slice(0, 10)
        .map(type => quote(type, 40))
        .join(', ')}): they are not counted as carried by the tenant token, and the least-privilege audit counts them as the app's.`
    )
  }
}

/**
 * The scope outputs and 'approval-requested'. Whatever the server lists, the lists fit the action's share of the job's
 * outputs, leaving room for what is still to come: a few hundred bytes (app-name, bot-open-id) and 'missing-access',
 * at most every entry of 'required-access'.
 */
function setScopeOutputs({ setOutput, outputBytesLeft, log, config }: Step, check: ScopeCheck, approval: Approval | undefined): void {
  const fitted = {
    'granted-scopes': check.granted,
    'missing-scopes': check.missing,
    'unexpected-scopes': check.unexpected.map(({ scope }) => scope),
    ...(config.requiredCalls.length > 0 && { 'missing-calls': check.missingCalls })
  }
  const lists = fitLists(fitted, outputBytesLeft() - 2048 - outputSize(JSON.stringify(config.requiredAccess.map(({ entry }) => entry))))
  for (const name of Object.keys(fitted)) setOutput(name, lists.values[name]!)
  for (const { name, kept, total } of lists.cut) {
    log.warning(
      `The '${name}' output holds the first ${kept} of its ${total} ${name === 'missing-calls' ? 'calls' : 'scopes'} (sorted): all outputs of a job share GitHub's 1 MiB, ` +
        `and the action keeps its own within ${OUTPUTS_BUDGET_BYTES / 1024} KiB.`
    )
  }
  setOutput('approval-requested', String(approval?.requested ?? false))
}

/** Asks the tenant admin to approve the pending scopes, once. Its answer never changes the gate's outcome. */
async function askForApproval({ log, redact, context, client, policy }: Step, token: string): Promise<Approval> {
  try {
    await client.requestApproval(token, policy.deadlineAt - policy.now())
    const text =
      "Asked the tenant admin to approve the app's pending scopes. The request covers every scope of the app that awaits " +
      'approval, and an app may send at most 10 per version.'
    log.info(text)
    return { requested: true, text }
  } catch (error) {
    if (!(error instanceof RequestError)) throw error
    const text = redact(describeFailure(error, context))
    // Already asked, or nothing to ask for: information, not a problem.
    if (reportLevel(error.failure) === 'info') log.info(text)
    else log.warning(text)
    return { requested: false, text }
  }
}
