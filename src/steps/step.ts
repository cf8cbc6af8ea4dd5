// What the steps of a run share: the runner's core, the redacting log, the outputs and their budget, the inputs, the
// Feishu client and the retry policy over the run's one transport.
import type { RunReport } from '../summary/report.js'
import { type FeishuClient, createFeishuClient } from '../feishu/client.js'
import type { Context } from '../feishu/failure.js'
import type { RetryPolicy } from '../feishu/retry.js'
import type { Transport } from '../feishu/transport.js'
import type { Config } from '../inputs/table.js'
import { OUTPUTS_BUDGET_BYTES, outputSize } from '../output/limits.js'
import type { Redactor } from '../output/redact.js'
import { isRetried, shortFailure } from '../words/failures.js'
import { describeRoute } from '../words/network.js'

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
  /** The transport for requests to this base URL; throws a ProxySettingError for a proxy setting that cannot be used. */
  readonly openTransport: (baseUrl: string) => Transport
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  /** On a GitHub Actions runner (GITHUB_ACTIONS is 'true'), not a local run: what an empty input likely means. */
  readonly onRunner: boolean
}

/** Every line the action writes goes through it, redacted. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  fail(message: string): void
}

export type Outcome = RunReport['outcome']

/** What a check found: its outcome, and the words for the step's one error when it fails. */
export interface Finding {
  readonly outcome: Outcome
  readonly failure?: string
}

/** What the steps of a run share once the inputs are read. */
export interface Step {
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

export function redactingLog(core: CoreLike, redact: (text: string) => string): Log {
  return {
    debug: message => core.debug(redact(message)),
    info: message => core.info(redact(message)),
    warning: message => core.warning(redact(message)),
    fail: message => core.setFailed(redact(message))
  }
}

/** The Feishu client and the retry policy of this run, over its transport. */
export function begin(
  deps: Deps,
  config: Config,
  transport: Transport,
  { log, redactor, mask, onAnswer }: { log: Log; redactor: Redactor; mask: (secret: string) => void; onAnswer: () => void }
): Step {
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
    { baseUrl: config.endpoint.baseUrl, appId: config.appId, stepTimeoutMs: config.timeoutMs, attemptTimeoutMs: config.attemptTimeoutMs },
    {
      debug: log.debug,
      redact: redactor.redact,
      redactDeep: redactor.redactDeep,
      describe: shortFailure,
      mask,
      hide: redactor.add,
      now: deps.now,
      onAnswer
    }
  )
  const policy: RetryPolicy = {
    maxAttempts: config.maxAttempts,
    deadlineAt: deps.now() + config.timeoutMs,
    now: deps.now,
    sleep: deps.sleep,
    random: deps.random,
    onRetry: log.info,
    isRetried,
    describe: shortFailure
  }
  return {
    core: deps.core,
    setOutput,
    outputBytesLeft: () => OUTPUTS_BUDGET_BYTES - outputBytes,
    log,
    redact: redactor.redact,
    config,
    context: { appId: config.appId, endpoint: config.endpoint, route },
    client,
    policy
  }
}
