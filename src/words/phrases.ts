// Phrases several sentences share: where things are in the developer console, which server answered, what to do about
// the other region. Every place is named by its label in words/console.ts.
import type { CallContext, Context } from '../feishu/failure.js'
import { type Endpoint, REGIONS, REGION_NAMES, appConsoleUrl, otherRegion } from '../feishu/region.js'
import { consoleLabel } from './console.js'

/** "Feishu (open.feishu.cn)", or "the server at feishu.example.com" for a custom base URL. */
export const serverName = (endpoint: Endpoint): string => {
  const host = new URL(endpoint.baseUrl).host
  return endpoint.region ? `${REGIONS[endpoint.region].label} (${host})` : `the server at ${host}`
}

/** What to do when the app may belong to the other region (or another deployment). */
export const otherRegionHint = (endpoint: Endpoint): string => {
  if (!endpoint.region) {
    // A custom base URL says nothing of the app's region: name both.
    const both = REGION_NAMES.map(name => `a ${REGIONS[name].label} app \`region: ${name}\` (${REGIONS[name].baseUrl})`).join(', ')
    return `Apps and tokens do not cross regions: check that 'base-url' serves the region the app was created in, or drop 'base-url' and set ${both}.`
  }
  const other = otherRegion(endpoint.region)
  return `Apps and tokens do not cross regions: if the app was created on ${other.label}, set \`region: ${other.name}\` (${other.baseUrl}).`
}

/** Where the App ID and App Secret are. */
export const credentials = (c: Context): string =>
  `Copy the App ID and App Secret from the app's ${consoleLabel('credentials', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)})`

/** "the app's Permissions & Scopes (权限管理) page (https://open.feishu.cn/app/cli_.../auth)" */
export const permissionPage = (c: Pick<Context, 'appId' | 'endpoint'>): string =>
  `the app's ${consoleLabel('permissions', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)}/auth)`

/** "publish a version on the app's Version Management & Release (版本管理与发布) page" */
export const publishVersion = (c: Pick<Context, 'endpoint'>): string =>
  `publish a version on the app's ${consoleLabel('versions', c.endpoint)} page`

/** The Bot capability, for the calls that need it. */
export const enableBot = (c: Pick<Context, 'appId' | 'endpoint'>): string =>
  `enable the Bot capability on the app's page in the developer console (${appConsoleUrl(c.endpoint, c.appId)}): ` +
  `${consoleLabel('add-bot-capability', c.endpoint)}; then publish a version with it on the app's ${consoleLabel('versions', c.endpoint)} page, ` +
  'and have the tenant admin enable that version'

/** Where the tenant admin manages apps. */
export const IN_ADMIN_CONSOLE = 'in the admin console (App Management)'

export const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

/** A row's meaning or fix, in the words of this call's context. */
export const say = <C extends CallContext>(text: string | ((c: C) => string), c: C): string => (typeof text === 'string' ? text : text(c))

/**
 * The requests of a run the API answered (those that reached it), for the log: API calls count against the tenant's
 * monthly quota; which exactly (the token calls?) Feishu does not document (docs/feishu.md, "The monthly quota").
 */
export const callsAnswered = (calls: number): string =>
  `The Open Platform API answered ${calls === 1 ? '1 request' : `${calls} requests`} of this run; ` +
  "API calls count against the tenant's monthly quota."
