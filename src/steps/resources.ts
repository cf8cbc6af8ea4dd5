// required-access: whether the app reaches each chat, Base, document... the automation uses; 'missing-access'.
import { type AccessTools, checkAccess, refusedEveryCall } from '../checks/access.js'
import type { AccessReport } from '../summary/report.js'
import { describeMissingAccess, everyResource } from '../words/access.js'
import { classify } from '../words/codes.js'
import type { Finding, Step } from './step.js'

/** Checks each resource of 'required-access', sets 'missing-access', and passes, warns or fails. */
export async function accessCheck(
  { setOutput, log, redact, config, context, client, policy }: Step,
  token: string,
  scopes: AccessTools['scopes']
): Promise<Finding & { access: AccessReport }> {
  const results = await checkAccess(config.requiredAccess, token, { client, policy, classify, ...(scopes && { scopes }) })
  const missing = results.filter(({ problem }) => problem !== undefined)
  setOutput('missing-access', JSON.stringify(missing.map(({ resource }) => resource.entry).sort()))
  const onMissing = config.onMissingAccess
  if (missing.length === 0) {
    const edit = results.filter(({ resource }) => resource.edit).length
    log.info(
      `The app reaches ${everyResource(results.length)} in 'required-access'` +
        `${edit > 0 ? ` (${edit === results.length ? 'all' : edit} with edit rights)` : ''}.`
    )
    return { outcome: 'passed', access: { results, onMissing } }
  }
  const text = redact(describeMissingAccess(results, context))
  if (onMissing === 'fail') return { outcome: 'failed', failure: text, access: { results, onMissing, text } }
  // As with the gate and the bot check: an app that no call from here reaches fails the step, even under 'warn'.
  if (refusedEveryCall(results, classify)) {
    const failure = `${text}\n'on-missing-access: warn' does not let this pass: no call from this runner gets through, so the app cannot work here.`
    return { outcome: 'failed', failure, access: { results, onMissing, text: failure } }
  }
  log.warning(text)
  return { outcome: 'warned', access: { results, onMissing, text } }
}

/** Every resource of 'required-access' as not checked, in 'missing-access' too: the run stopped before the checks. */
export function notChecked({ config, setOutput }: Step): AccessReport {
  const results = config.requiredAccess.map(resource => ({ resource, problem: 'not-checked' as const }))
  setOutput('missing-access', JSON.stringify(config.requiredAccess.map(({ entry }) => entry).sort()))
  return { results, onMissing: config.onMissingAccess }
}
