import { type AccessTools, checkAccess, refusedEveryCall } from './access.js'
import { describeFailure, describeInactiveApp, describeMissingAccess, everyResource, reportLevel } from './errors.js'
import type { Context } from './failure.js'
import { RequestError } from './failure.js'
import { type FeishuClient, createFeishuClient } from './feishu.js'
import { allGrantedMessage, gateVerdict } from './gate.js'
import { type Config, InputError, readInputs } from './inputs.js'
import { OUTPUTS_BUDGET_BYTES, fitLists, outputSize } from './limits.js'
import { type Redactor, createRedactor } from './redact.js'
import { describeEndpoint } from './region.js'
import { type RetryPolicy, withRetry } from './retry.js'
import { checkScopes } from './scopes.js'
import { type AccessReport, type Approval, type BotReport, type GateReport, type RunReport, renderSummary } from './summary.js'
import { plain, quote } from './text.js'
import { type Transport, describeRoute } from './transport.js'

/** The part of @actions/core the action uses. */
export interface CoreLike {
  getInput(name: string): string
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  setFailed(message: string): void
  summary: { addRaw(text: string, addEOL?: boolean): unknown; write(): Promise<unknown> }
}

export interface Deps {
  readonly core: CoreLike
  /** The transport for requests to this base URL; throws an InputError for a proxy setting that cannot be used. */
  readonly openTransport: (baseUrl: string) => Transport
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  /** On a GitHub Actions runner (GITHUB_ACTIONS is 'true'), not a local run: what an empty input likely means. */
  readonly onRunner: boolean
}

/** Every line the action writes goes through it, redacted. */
interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  fail(message: string): void
}

type Outcome = RunReport['outcome']

/** What a check found: its outcome, and the words for the step's one error when it fails. */
interface Finding {
  readonly outcome: Outcome
  readonly failure?: string
}

/** What the steps of a run share once the inputs are read. */
interface Step {
  readonly core: CoreLike
  /** core.setOutput, counting what the action has output so far. */
  readonly setOutput: (name: string, value: string) => void
  /** What is left of the action's share of the job's outputs. */
  readonly outputBytesLeft: () => number
  readonly log: Log
  readonly redact: (text: string) => string
  readonly config: Config
  /** For the words of a failed request. */
  readonly context: Context
  readonly client: FeishuClient
  readonly policy: RetryPolicy
}

/** The whole step: inputs -> token -> mask + outputs -> scope gate -> bot check -> resources -> summary. Never rejects. */
export async function run(deps: Deps): Promise<void> {
  const { core } = deps
  // Server text is redacted as it arrives (in the client), and every line the action writes goes through
  // `redact` again, so even a server that echoes a secret cannot leak it.
  const redactor = createRedactor()
  const log = redactingLog(core, redactor.redact)
  const mask = (secret: string): void => {
    core.setSecret(secret)
    redactor.add(secret)
  }

  let report: RunReport = { outcome: 'failed' }
  let transport: Transport | undefined
  let step: Step | undefined
  const findings: Finding[] = []
  // Everything that fails the step, in one error.
  const failures = () => findings.flatMap(({ failure }) => (failure ? [failure] : []))
  try {
    const config = readInputs({ getInput: name => core.getInput(name), setSecret: mask, warning: log.warning, onRunner: deps.onRunner })
    report = { ...report, endpoint: config.endpoint, appId: redactor.redact(config.appId) }
    transport = deps.openTransport(config.endpoint.baseUrl)
    step = begin(deps, config, transport, log, redactor, mask)
    const { token, ...issued } = await issueToken(step)
    report = { ...report, ...issued }
    /** What the gate listed, when it ran: a resource check no granted scope allows is then not made. */
    let scopes: { granted: ReadonlySet<string>; awaiting: ReadonlySet<string> } | undefined
    if (config.requiredScopes.length > 0) {
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
  await writeSummary(core, report, redactor.redact, log)
}

function redactingLog(core: CoreLike, redact: (text: string) => string): Log {
  return {
    debug: message => core.debug(redact(message)),
    info: message => core.info(redact(message)),
    warning: message => core.warning(redact(message)),
    fail: message => core.setFailed(redact(message))
  }
}

/** The Feishu client and the retry policy of this run, over its transport. */
function begin(deps: Deps, config: Config, transport: Transport, log: Log, redactor: Redactor, mask: (secret: string) => void): Step {
  let outputBytes = 0
  const setOutput = (name: string, value: string): void => {
    deps.core.setOutput(name, value)
    outputBytes += outputSize(name) + outputSize(value)
  }
  const { http, route } = transport
  if (route.via === 'proxy') log.info(`Using the proxy ${route.proxy.host} for ${config.endpoint.baseUrl}.`)
  log.debug(describeRoute(route, new URL(config.endpoint.baseUrl).host))
  const client = createFeishuClient(
    http,
    {
      baseUrl: config.endpoint.baseUrl,
      appId: config.appId,
      stepTimeoutMs: config.timeoutMs,
      attemptTimeoutMs: config.attemptTimeoutMs
    },
    { debug: log.debug, redact: redactor.redact, redactDeep: redactor.redactDeep, mask, hide: redactor.add, now: deps.now }
  )
  const policy: RetryPolicy = {
    maxAttempts: config.maxAttempts,
    deadlineAt: deps.now() + config.timeoutMs,
    now: deps.now,
    sleep: deps.sleep,
    random: deps.random,
    onRetry: log.info
  }
  const context: Context = { appId: config.appId, endpoint: config.endpoint, route }
  return {
    core: deps.core,
    setOutput,
    outputBytesLeft: () => OUTPUTS_BUDGET_BYTES - outputBytes,
    log,
    redact: redactor.redact,
    config,
    context,
    client,
    policy
  }
}

/** The token (the client masked it the moment it was parsed) and its outputs. */
async function issueToken(step: Step): Promise<{ token: string } & Pick<RunReport, 'outcome' | 'expiresAt' | 'expiresIn'>> {
  const { core, setOutput, log, config, client, policy } = step
  const issued = await withRetry(left => client.tenantToken(config.appSecret, left), policy)
  const expiresAt = new Date(policy.now() + issued.expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  setOutput('token', issued.token)
  setOutput('expires-in', String(issued.expiresIn))
  setOutput('expires-at', expiresAt)
  setOutput('base-url', config.endpoint.baseUrl)
  log.info(
    `Got a tenant access token for ${config.appId} from ${describeEndpoint(config.endpoint)}; it expires at ${expiresAt} (in ${issued.expiresIn} s).`
  )
  if (config.exportEnv) exportEnv(config, issued.token, core, log)
  return { token: issued.token, outcome: 'passed', expiresAt, expiresIn: issued.expiresIn }
}

/**
 * FEISHU_* for scripts, and the variables the official lark-cli reads, so that `npx @larksuite/cli ...` in a later
 * step acts as the app's bot with no secret. lark-cli knows only the two public regions.
 */
function exportEnv(config: Config, token: string, core: CoreLike, log: Log): void {
  core.exportVariable('FEISHU_TENANT_ACCESS_TOKEN', token)
  core.exportVariable('FEISHU_BASE_URL', config.endpoint.baseUrl)
  if (config.endpoint.region) {
    core.exportVariable('LARKSUITE_CLI_APP_ID', config.appId)
    core.exportVariable('LARKSUITE_CLI_TENANT_ACCESS_TOKEN', token)
    core.exportVariable('LARKSUITE_CLI_BRAND', config.endpoint.region)
    log.info('Exported FEISHU_TENANT_ACCESS_TOKEN, FEISHU_BASE_URL and the LARKSUITE_CLI_* variables lark-cli reads.')
  } else {
    log.info(
      `Exported FEISHU_TENANT_ACCESS_TOKEN and FEISHU_BASE_URL, but not the LARKSUITE_CLI_* variables: lark-cli cannot follow a custom 'base-url' (it has no private-deployment support), so it would call the public API with this token.`
    )
  }
}

const worst = (outcomes: readonly Outcome[]): Outcome =>
  outcomes.includes('failed') ? 'failed' : outcomes.includes('warned') ? 'warned' : 'passed'

/** Lists the app's scopes, asks for approval when told to, sets the scope outputs, and passes, warns or fails. */
async function scopeGate(step: Step, token: string): Promise<Finding & { gate: GateReport }> {
  const { setOutput, outputBytesLeft, log, config, client, policy } = step
  const listed = await withRetry(left => client.scopes(token, left), policy)
  const check = checkScopes(config.requiredScopes, listed.scopes)
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
  const awaiting = check.statuses.some(({ status }) => status === 'awaiting-approval')
  const approval = config.requestApproval && awaiting ? await askForApproval(step, token) : undefined

  // Whatever the server lists, the scope outputs fit the action's share of the job's outputs, leaving room for what
  // is still to come: a few hundred bytes (approval-requested, app-name, bot-open-id) and 'missing-access', at most
  // every entry of 'required-access'.
  const lists = fitLists(
    {
      'granted-scopes': check.granted,
      'missing-scopes': check.missing,
      'unexpected-scopes': check.unexpected.map(({ scope }) => scope)
    },
    outputBytesLeft() - 2048 - outputSize(JSON.stringify(config.requiredAccess.map(({ entry }) => entry)))
  )
  for (const name of ['granted-scopes', 'missing-scopes', 'unexpected-scopes']) setOutput(name, lists.values[name]!)
  for (const { name, kept, total } of lists.cut) {
    log.warning(
      `The '${name}' output holds the first ${kept} of its ${total} scopes (sorted): all outputs of a job share GitHub's 1 MiB, ` +
        `and the action keeps its own within ${OUTPUTS_BUDGET_BYTES / 1024} KiB.`
    )
  }
  setOutput('approval-requested', String(approval?.requested ?? false))
  const verdict = gateVerdict(check, config)
  if (check.missing.length === 0) log.info(allGrantedMessage(check))
  for (const warning of verdict.warnings) log.warning(warning)
  const gate: GateReport = {
    check,
    onMissing: config.onMissingScopes,
    onUnexpected: config.onUnexpectedScopes,
    requestApproval: config.requestApproval,
    ...(verdict.grantLink && { grantLink: verdict.grantLink }),
    ...(approval && { approval })
  }
  return { outcome: verdict.outcome, ...(verdict.failure && { failure: verdict.failure }), gate }
}

/** Reads the app's state in the tenant and its bot: the step fails unless the app is enabled. */
async function botCheck({ setOutput, log, redact, context, client, policy }: Step, token: string): Promise<Finding & { bot: BotReport }> {
  const info = await withRetry(left => client.botInfo(token, left), policy)
  const appName = info.appName === undefined ? undefined : redact(info.appName)
  if (info.activateStatus !== 2 || info.openId === undefined) {
    const problem = redact(describeInactiveApp({ ...info, ...(appName && { appName }) }, context))
    return { outcome: 'failed', failure: problem, bot: { ...(appName && { appName }), problem } }
  }
  setOutput('bot-open-id', info.openId)
  // Free text from the console, whole, without the characters that hide: plain text for env:, like any action's.
  setOutput('app-name', appName === undefined ? '' : plain(appName))
  log.info(
    `The app is enabled in the tenant: ${appName === undefined ? 'its name is not given' : quote(appName, 80)}; its bot is ${info.openId}.`
  )
  return { outcome: 'passed', bot: { ...(appName && { appName }), openId: info.openId } }
}

/** Checks each resource of 'required-access', sets 'missing-access', and passes, warns or fails. */
async function accessCheck(
  { setOutput, log, redact, config, context, client, policy }: Step,
  token: string,
  scopes: AccessTools['scopes']
): Promise<Finding & { access: AccessReport }> {
  const results = await checkAccess(config.requiredAccess, token, { client, policy, ...(scopes && { scopes }) })
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
  if (refusedEveryCall(results)) {
    const failure = `${text}\n'on-missing-access: warn' does not let this pass: no call from this runner gets through, so the app cannot work here.`
    return { outcome: 'failed', failure, access: { results, onMissing, text: failure } }
  }
  log.warning(text)
  return { outcome: 'warned', access: { results, onMissing, text } }
}

/** Every resource of 'required-access' as not checked, in 'missing-access' too: the run stopped before the checks. */
function notChecked({ config, setOutput }: Step): AccessReport {
  const results = config.requiredAccess.map(resource => ({ resource, problem: 'not-checked' as const }))
  setOutput('missing-access', JSON.stringify(config.requiredAccess.map(({ entry }) => entry).sort()))
  return { results, onMissing: config.onMissingAccess }
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

/** What to say of an error that ended the run: a bad input, a failed request, or a bug (its stack in debug only). */
function failureWords(error: unknown, step: Step | undefined, log: Log): string {
  if (error instanceof InputError) return error.message
  if (error instanceof RequestError && step) return describeFailure(error, step.context)
  if (error instanceof Error && error.stack) log.debug(error.stack)
  return `Unexpected error: ${String(error)}`
}

async function writeSummary(core: CoreLike, report: RunReport, redact: (text: string) => string, log: Log): Promise<void> {
  try {
    // Every field was redacted before rendering; this pass only guards against a field added without it.
    core.summary.addRaw(redact(renderSummary(report)), true)
    await core.summary.write()
  } catch (error) {
    // No GITHUB_STEP_SUMMARY (a local run) must not fail a step that worked.
    log.debug(`No job summary written: ${error instanceof Error ? error.message : String(error)}`)
  }
}
