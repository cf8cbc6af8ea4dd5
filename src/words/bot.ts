// The app's state in the tenant, as bot/v3/info reports it (`activate_status`), and the words for an app that is not
// usable: only 2, enabled, is.
import type { Context } from '../feishu/failure.js'
import { appConsoleUrl } from '../feishu/region.js'
import { quote } from '../output/text.js'
import { IN_ADMIN_CONSOLE, capitalise, publishVersion } from './phrases.js'

/** The app's state in the tenant, as bot/v3/info reports it (`activate_status`): only 2, enabled, is usable. */
export interface ActivationRow {
  readonly status: number
  readonly meaning: string
  readonly fix: (c: Context) => string
}

export const ACTIVATION: readonly ActivationRow[] = [
  {
    status: 0,
    meaning: 'the app is initialised but not yet installed in the tenant',
    fix: c => `${capitalise(publishVersion(c))} (${appConsoleUrl(c.endpoint, c.appId)}) and have the tenant admin install and enable it.`
  },
  {
    status: 1,
    meaning: 'the tenant admin has disabled the app',
    fix: () => `Ask the tenant admin to enable it again ${IN_ADMIN_CONSOLE}.`
  },
  { status: 2, meaning: 'the app is enabled', fix: () => '' },
  {
    status: 3,
    meaning: 'the app is installed but awaits enabling',
    fix: () => `Have the tenant admin enable it ${IN_ADMIN_CONSOLE}.`
  },
  {
    status: 4,
    meaning: 'the app was upgraded and the new version awaits enabling',
    fix: () => `Have the tenant admin enable the new version ${IN_ADMIN_CONSOLE}.`
  },
  {
    status: 5,
    meaning: 'the app is disabled because its licence expired',
    fix: () => `Have the tenant admin renew the app's licence ${IN_ADMIN_CONSOLE}, then enable it.`
  },
  {
    status: 6,
    meaning: "the app is disabled because the tenant's Lark plan expired or was downgraded",
    fix: () => 'Have the tenant admin renew or upgrade the plan, then enable the app.'
  }
]

/** The words for an activate_status, including one this table does not know. */
export function activationRow(status: number): ActivationRow {
  return (
    ACTIVATION.find(row => row.status === status) ?? {
      status,
      meaning: 'the app is in a state this action does not know',
      fix: () => `Check the app's state ${IN_ADMIN_CONSOLE}: only an enabled app (activate_status 2) is usable.`
    }
  )
}

/** Why an app that answered bot/v3/info is not usable (its activate_status is not 2), and what to do. */
export function describeInactiveApp(
  { activateStatus, appName, logId }: { activateStatus: number; appName?: string; logId?: string },
  context: Context
): string {
  const { meaning, fix } = activationRow(activateStatus)
  return (
    `The app ${context.appId}${appName ? ` (${quote(appName, 80)})` : ''} is not usable in this tenant: ${meaning} ` +
    `(activate_status ${activateStatus}; only 2, enabled, is usable). ${fix(context)}${logId ? ` (log id ${logId})` : ''}`
  )
}
