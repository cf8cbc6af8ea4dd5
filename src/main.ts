import { FeishuError } from './errors.js'
import { type FeishuClient, type HttpLike, createFeishuClient } from './feishu.js'
import { judge } from './gate.js'
import { type Config, InputError, readInputs } from './inputs.js'
import { describeEndpoint } from './region.js'
import { createRedactor } from './redact.js'
import { type RetryPolicy, withRetry } from './retry.js'
import { type ScopeCheck, checkScopes } from './scopes.js'
import { type Approval, type RunReport, renderSummary } from './summary.js'
import { quote } from './text.js'

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
  /** The HTTP client for requests to this base URL, and the proxy it goes through; throws an InputError for a proxy setting that cannot be used. */
  readonly connect: (baseUrl: string) => Connection
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
}

export interface Connection {
  readonly http: HttpLike
  /** host:port of the proxy (never its credentials). */
  readonly proxy?: string
  dispose(): void
}

/** The whole step: inputs -> token -> mask + outputs -> scopes -> gate -> summary. Never rejects. */
export async function run({ core, connect, now, sleep, random }: Deps): Promise<void> {
  // Server text is redacted as it arrives (in the client), and every line the action writes goes through
  // `redact` again, so even a server that echoes a secret cannot leak it.
  const redactor = createRedactor()
  const { redact } = redactor
  const log: Log = {
    debug: m => core.debug(redact(m)),
    info: m => core.info(redact(m)),
    warning: m => core.warning(redact(m)),
    fail: m => core.setFailed(redact(m))
  }
  const mask = (secret: string): void => {
    core.setSecret(secret)
    redactor.add(secret)
  }

  let report: RunReport = { outcome: 'failed' }
  let connection: Connection | undefined
  try {
    const config = readInputs({ getInput: name => core.getInput(name), setSecret: mask, warning: log.warning })
    report = { ...report, endpoint: config.endpoint, appId: redact(config.appId) }
    connection = connect(config.endpoint.baseUrl)
    const { http, proxy } = connection
    if (proxy) log.info(`Using the proxy ${proxy} for ${config.endpoint.baseUrl}.`)
    const client = createFeishuClient(
      http,
      {
        appId: config.appId,
        endpoint: config.endpoint,
        deadlineMs: config.timeoutMs,
        attemptTimeoutMs: config.attemptTimeoutMs,
        ...(proxy && { proxy })
      },
      { debug: log.debug, redact, redactDeep: redactor.redactDeep }
    )
    const policy: RetryPolicy = {
      maxAttempts: config.maxAttempts,
      deadline: now() + config.timeoutMs,
      now,
      sleep,
      random,
      onRetry: log.info
    }

    const issued = await withRetry(left => client.tenantToken(config.appSecret, left), policy)
    mask(issued.token)
    const expiresAt = new Date(now() + issued.expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    core.setOutput('token', issued.token)
    core.setOutput('expires-in', String(issued.expiresIn))
    core.setOutput('expires-at', expiresAt)
    core.setOutput('base-url', config.endpoint.baseUrl)
    if (config.exportEnv) exportEnv(config, issued.token, core, log)
    log.info(
      `Got a tenant access token for ${config.appId} from ${describeEndpoint(config.endpoint)}; it expires at ${expiresAt} (in ${issued.expiresIn} s).`
    )
    report = { ...report, outcome: 'passed', expiresAt, expiresIn: issued.expiresIn }

    if (config.requiredScopes.length > 0) {
      const listed = await withRetry(left => client.scopes(issued.token, left), policy)
      const check = checkScopes(config.requiredScopes, listed.scopes)
      if (check.ignored.length > 0) {
        log.debug(
          `Left out ${check.ignored.length} listed name(s) that are not scope names: ${check.ignored
            .slice(0, 10)
            .map(name => quote(name, 60))
            .join(', ')}`
        )
      }
      const awaiting = check.statuses.some(({ status }) => status === 'awaiting-approval')
      const approval =
        config.requestApproval && awaiting ? await askForApproval(client, issued.token, policy.deadline - now(), log) : undefined
      report = { ...report, ...gate(config, check, approval, core, log) }
    }
  } catch (error) {
    const expected = error instanceof InputError || error instanceof FeishuError
    if (!expected && error instanceof Error && error.stack) log.debug(error.stack)
    // Redacted before the summary escapes or shortens it.
    const message = redact(expected ? error.message : `Unexpected error: ${String(error)}`)
    log.fail(message)
    report = { ...report, outcome: 'failed', error: message }
  } finally {
    connection?.dispose()
  }

  try {
    // Every field was redacted before rendering; this pass only guards against a field added without it.
    core.summary.addRaw(redact(renderSummary(report)), true)
    await core.summary.write()
  } catch (error) {
    // No GITHUB_STEP_SUMMARY (a local run) must not fail a step that worked.
    log.debug(`No job summary written: ${error instanceof Error ? error.message : String(error)}`)
  }
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

interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  fail(message: string): void
}

/** Asks the tenant admin to approve the pending scopes, once. Its answer never changes the gate's outcome. */
async function askForApproval(client: FeishuClient, token: string, remainingMs: number, log: Log): Promise<Approval> {
  try {
    await client.requestApproval(token, remainingMs)
    const text =
      "Asked the tenant admin to approve the app's pending scopes. The request covers every scope of the app that awaits " +
      'approval, and an app may send at most 10 per version.'
    log.info(text)
    return { requested: true, text }
  } catch (error) {
    if (!(error instanceof FeishuError)) throw error
    const { failure } = error
    // Already asked, or nothing to ask for: information, not a problem.
    if (failure.kind === 'feishu' && (failure.code === 212002 || failure.code === 212004)) log.info(error.message)
    else log.warning(error.message)
    return { requested: false, text: error.message }
  }
}

/** Sets the scope outputs and passes, warns or fails; returns what the summary shows. */
function gate(
  config: Config,
  check: ScopeCheck,
  approval: Approval | undefined,
  core: CoreLike,
  log: Log
): Pick<RunReport, 'outcome' | 'gate'> {
  core.setOutput('granted-scopes', JSON.stringify(check.granted))
  core.setOutput('missing-scopes', JSON.stringify(check.missing))
  core.setOutput('unexpected-scopes', JSON.stringify(check.unexpected.map(({ scope }) => scope)))
  core.setOutput('approval-requested', String(approval?.requested ?? false))
  const verdict = judge(check, config)
  if (check.missing.length === 0) log.info(`All ${check.statuses.length} required scopes are granted.`)
  for (const warning of verdict.warnings) log.warning(warning)
  if (verdict.failure) log.fail(verdict.failure)
  return {
    outcome: verdict.outcome,
    gate: {
      check,
      onMissing: config.onMissingScopes,
      onUnexpected: config.onUnexpectedScopes,
      ...(verdict.grantLink && { grantLink: verdict.grantLink }),
      ...(approval && { approval })
    }
  }
}
