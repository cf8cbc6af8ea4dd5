// What a run found, for the job summary: every field is data, redacted where it may quote a server.
import type { AccessResult } from '../checks/access.js'
import type { ScopeCheck } from '../checks/scopes.js'
import type { Endpoint } from '../feishu/region.js'

/** Everything the job summary shows. Never the secret or the token: there is no field for them. */
export interface RunReport {
  readonly outcome: 'passed' | 'warned' | 'failed'
  readonly endpoint?: Endpoint
  readonly appId?: string
  readonly expiresAt?: string
  readonly expiresIn?: number
  readonly gate?: GateReport
  readonly bot?: BotReport
  readonly access?: AccessReport
  /** The requests of the run the API answered (API calls count against the tenant's monthly quota); none: left out. */
  readonly calls?: number
  /** Already redacted: it may quote a server. */
  readonly error?: string
}

/** What the bot check found (check-bot): the app's name and its bot, or why the app is not usable. Redacted. */
export interface BotReport {
  readonly appName?: string
  readonly openId?: string
  readonly problem?: string
}

/** What the resource checks found ('required-access'), and what was said of it (redacted). */
export interface AccessReport {
  readonly results: readonly AccessResult[]
  readonly onMissing: 'fail' | 'warn'
  /** The words of the error or warning, when a resource is out of reach. */
  readonly text?: string
}

/** What the scope gate found and decided. */
export interface GateReport {
  readonly check: ScopeCheck
  readonly onMissing: 'fail' | 'warn'
  readonly onUnexpected: 'ignore' | 'warn' | 'fail'
  readonly requestApproval: boolean
  readonly grantLink?: string
  readonly approval?: Approval
}

/** The approval request, when one was made: whether it was accepted, and what was said of it (redacted). */
export interface Approval {
  readonly requested: boolean
  readonly text: string
}
