// The gate's rules and scope lists as the unit tests of the gate and its words build them.
import type { GateRules } from '../../src/checks/gate.js'
import { endpointFor } from '../../src/feishu/region.js'
import type { ListedScope } from '../../src/feishu/scopes.js'

export const APP_ID = 'cli_9b445f5258795107'

/** The rules of a Lark app that fails on missing scopes and ignores unexpected ones, changed by `more`. */
export const rules = (more: Partial<GateRules> = {}): GateRules => ({
  appId: APP_ID,
  endpoint: endpointFor('lark'),
  onMissingScopes: 'fail',
  onUnexpectedScopes: 'ignore',
  requestApproval: false,
  ...more
})

/** A scope the app's list says is granted. */
export const granted = (name: string): ListedScope => ({ name, grantStatus: 1 })
