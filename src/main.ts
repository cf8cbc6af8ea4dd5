// One run of the action: inputs -> transport -> token -> mask + outputs -> scope gate -> bot check -> resources ->
// summary. Each step is a function of src/steps/; this file only puts them in order and keeps one error for them all.
import { ProxySettingError } from './feishu/route.js'
import type { Transport } from './feishu/transport.js'
import { InputError } from './inputs/error.js'
import { readInputs } from './inputs/read.js'
import { createRedactor } from './output/redact.js'
import { scopeGate } from './steps/gate.js'
import { botCheck } from './steps/bot.js'
import { failureWords } from './steps/error.js'
import { accessCheck, notChecked } from './steps/resources.js'
import { type Deps, type Finding, type Outcome, type Step, begin, redactingLog } from './steps/step.js'
import { writeSummary } from './steps/summary.js'
import { issueToken } from './steps/token.js'
import type { RunReport } from './summary/report.js'
import { proxySettingWords } from './words/network.js'
import { callsAnswered } from './words/phrases.js'

/** The whole step. Never rejects: every failure is the step's one error, and the summary is written last. */
export async function run(deps: Deps): Promise<void> {
  const { core } = deps
  // Server text is redacted as it arrives (in the client), and every line the action writes goes through `redact`
  // again, so even a server that echoes a secret cannot leak it.
  const redactor = createRedactor()
  const log = redactingLog(core, redactor.redact)
  const mask = (secret: string): void => {
    core.setSecret(secret)
    redactor.add(secret)
  }
  let report: RunReport = { outcome: 'failed' }
  /** The requests sent: every one counts against the tenant's monthly quota of API calls. */
  let calls = 0
  let transport: Transport | undefined
  let step: Step | undefined
  const findings: Finding[] = []
  // Everything that fails the step, in one error.
  const failures = () => findings.flatMap(({ failure }) => (failure ? [failure] : []))
  try {
    const config = readInputs({ getInput: name => core.getInput(name), setSecret: mask, warning: log.warning, onRunner: deps.onRunner })
    report = { ...report, endpoint: config.endpoint, appId: redactor.redact(config.appId) }
    transport = openTransport(deps, config.endpoint.baseUrl)
    step = begin(deps, config, transport, { log, redactor, mask, onAnswer: () => void calls++ })
    const { token, ...issued } = await issueToken(step)
    report = { ...report, ...issued }
    /** What the gate listed, when it ran: a resource check no granted scope allows is then not made. */
    let scopes: { granted: ReadonlySet<string>; awaiting: ReadonlySet<string> } | undefined
    if (config.requiredScopes.length > 0 || config.requiredCalls.length > 0) {
      const { gate, ...finding } = await scopeGate(step, token)
      report = { ...report, gate }
      scopes = { granted: new Set(gate.check.granted), awaiting: new Set(gate.check.awaiting) }
      findings.push(finding)
    }
    if (config.checkBot) {
      const { bot, ...finding } = await botCheck(step, token)
      report = { ...report, bot }
      findings.push(finding)
    }
    if (config.requiredAccess.length > 0) {
      const { access, ...finding } = await accessCheck(step, token, scopes)
      report = { ...report, access }
      findings.push(finding)
    }
    if (failures().length > 0) log.fail(failures().join('\n\n'))
    report = { ...report, outcome: worst(findings.map(({ outcome }) => outcome)) }
  } catch (error) {
    // What the inputs that could be read say (the API, the App ID) belongs in the summary of a bad input too.
    if (error instanceof InputError) {
      const { endpoint, appId } = error.known
      report = { ...report, ...(endpoint && { endpoint }), ...(appId && { appId: redactor.redact(appId) }) }
    }
    const message = redactor.redact(failureWords(error, step, log))
    // The resources a failure before their checks left unchecked are out of reach as far as anyone knows.
    if (step && step.config.requiredAccess.length > 0 && !report.access) report = { ...report, access: notChecked(step) }
    // What a check found before a later request failed is said too, in the same one error.
    log.fail([...failures(), message].join('\n\n'))
    report = { ...report, outcome: 'failed', error: message }
  } finally {
    transport?.dispose()
  }
  if (calls > 0) {
    log.info(callsAnswered(calls))
    report = { ...report, calls }
  }
  await writeSummary(core, report, redactor.redact, log)
}

/** The run's transport; a proxy variable that cannot be used is a bad setting of the workflow, like a bad input. */
function openTransport(deps: Deps, baseUrl: string): Transport {
  try {
    return deps.openTransport(baseUrl)
  } catch (error) {
    if (error instanceof ProxySettingError) throw new InputError(proxySettingWords(error.variable, error.problem))
    throw error
  }
}

const worst = (outcomes: readonly Outcome[]): Outcome =>
  outcomes.includes('failed') ? 'failed' : outcomes.includes('warned') ? 'warned' : 'passed'
