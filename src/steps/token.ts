// The first step: the tenant token (the client masked it the moment it was parsed), its outputs, and its hand-off to
// later steps' scripts and lark-cli when asked.
import { withRetry } from '../feishu/retry.js'
import { describeEndpoint } from '../feishu/region.js'
import type { Config } from '../inputs/table.js'
import type { RunReport } from '../summary/report.js'
import type { CoreLike, Log, Step } from './step.js'

/** Gets the token (with the run's retries) and sets its outputs. Throws the RequestError of a failed request. */
export async function issueToken(step: Step): Promise<{ token: string } & Pick<RunReport, 'outcome' | 'expiresAt' | 'expiresIn'>> {
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
