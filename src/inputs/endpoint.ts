// Where requests go, as 'region' and 'base-url' give it, for the inputs whose lines must fit it (a link's region, a
// call's host). Read again from the inputs as given: a bad 'region' or 'base-url' is their own input's problem.
import { type Endpoint, REGION_NAMES, type RegionName, endpointFor } from '../feishu/region.js'
import { parseBaseUrl } from './base-url.js'
import type { Input } from './values.js'

/** The endpoint of this run, and whether 'base-url' gave it; undefined when 'region' or 'base-url' is bad. */
export function endpointGiven({ given }: Input): { readonly endpoint: Endpoint; readonly byBaseUrl: boolean } | undefined {
  if (given('base-url') !== '') {
    try {
      return { endpoint: endpointFor('feishu', parseBaseUrl(given('base-url'))), byBaseUrl: true }
    } catch {
      return undefined
    }
  }
  const region = (given('region') || 'feishu').toLowerCase()
  return (REGION_NAMES as string[]).includes(region) ? { endpoint: endpointFor(region as RegionName), byBaseUrl: false } : undefined
}
