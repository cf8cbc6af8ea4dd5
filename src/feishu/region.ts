// Feishu and Lark are one platform on two isolated infrastructures: an app, its
// credentials and its tokens belong to one of them only.

export type RegionName = 'feishu' | 'lark'

interface Region {
  readonly name: RegionName
  readonly label: string
  readonly baseUrl: string
}

export const REGIONS: Readonly<Record<RegionName, Region>> = {
  feishu: { name: 'feishu', label: 'Feishu', baseUrl: 'https://open.feishu.cn' },
  lark: { name: 'lark', label: 'Lark', baseUrl: 'https://open.larksuite.com' }
}

export const REGION_NAMES = Object.keys(REGIONS) as RegionName[]

/** Where requests go: a region's host, or a full base URL (private deployment, test server). */
export interface Endpoint {
  /** Origin with no trailing slash, e.g. https://open.feishu.cn */
  readonly baseUrl: string
  /** The region the base URL belongs to, when it is one of the two public ones. */
  readonly region?: RegionName
}

export function endpointFor(region: RegionName, baseUrl?: string): Endpoint {
  if (baseUrl === undefined) return { baseUrl: REGIONS[region].baseUrl, region }
  const known = REGION_NAMES.find(name => REGIONS[name].baseUrl === baseUrl)
  return known ? { baseUrl, region: known } : { baseUrl }
}

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.region ? `${REGIONS[endpoint.region].label} (${endpoint.baseUrl})` : endpoint.baseUrl
}

export function otherRegion(region: RegionName): Region {
  return REGIONS[region === 'feishu' ? 'lark' : 'feishu']
}

/** The developer console lives on the API host for both regions (and on a private deployment's). */
export function appConsoleUrl(endpoint: Endpoint, appId: string): string {
  return `${endpoint.baseUrl}/app/${encodeURIComponent(appId)}`
}

/** One click opens the app's permission page with the scopes pre-searched. */
export function grantLink(endpoint: Endpoint, appId: string, scopes: readonly string[]): string {
  return `${appConsoleUrl(endpoint, appId)}/auth?q=${scopes.join(',')}&op_from=openapi&token_type=tenant`
}
