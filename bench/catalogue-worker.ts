// One fresh process of bench/catalogue.ts: each stage's CPU time, as JSON on stdout.
import { loadCatalogue } from '../src/catalogue/load.js'
import { matchCall } from '../src/catalogue/match.js'
import { narrowest } from '../src/catalogue/scopes.js'
import { TWENTY_CALLS } from './twenty-calls.js'

const cpu = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const times: Record<string, number> = {}
let at = cpu()
const stage = (name: string): void => {
  const now = cpu()
  times[name] = now - at
  at = now
}
const catalogue = loadCatalogue()
stage('read and decode catalogue.json')
matchCall(catalogue, 'POST /open-apis/im/v1/messages')
stage('the first call resolved (path index built)')
for (const line of TWENTY_CALLS.split('\n')) {
  const match = matchCall(catalogue, line)
  if (match.kind !== 'call') throw new Error(`${line}: ${match.kind}, not a tenant call: this stage would time less than it says`)
  narrowest(catalogue, match.call.scopes)
}
stage('20 calls resolved, each with its narrowest scope')
console.log(JSON.stringify(times))
