import { type Endpoint, describeEndpoint } from './region.js'
import type { ScopeCheck, ScopeStatus } from './scopes.js'

/** Everything the job summary shows. Never the secret or the token: there is no field for them. */
export interface RunReport {
  readonly outcome: 'passed' | 'warned' | 'failed'
  readonly endpoint?: Endpoint
  readonly appId?: string
  readonly expiresAt?: string
  readonly expiresIn?: number
  readonly gate?: {
    readonly check: ScopeCheck
    readonly onMissing: 'fail' | 'warn'
    readonly grantLink?: string
  }
  readonly error?: string
}

const HEADLINE: Record<RunReport['outcome'], string> = {
  passed: '✅ Token issued',
  warned: '⚠️ Token issued, scopes missing',
  failed: '❌ Failed'
}
const GATE_FAILED = '❌ Required scopes missing'

const STATUS_WORDS: Record<ScopeStatus, string> = {
  granted: '✅ granted',
  'awaiting-approval': '⏳ awaiting approval: configured on the app, not yet granted by the tenant admin',
  'not-configured': '❌ not configured: add it to the app and publish a version'
}

/** Text inside a table cell or a quote: no Markdown or HTML from outside gets through. */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`|])/g, '\\$1')
}

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`
}

export function renderSummary(report: RunReport): string {
  const headline = report.outcome === 'failed' && report.gate && !report.error ? GATE_FAILED : HEADLINE[report.outcome]
  const lines = [`## Feishu/Lark tenant token: ${headline}`, '']
  const facts: Array<[string, string]> = []
  if (report.endpoint) facts.push(['API', escape(describeEndpoint(report.endpoint))])
  if (report.appId) facts.push(['App ID', escape(report.appId)])
  if (report.expiresAt) {
    facts.push(['Token expires', `${report.expiresAt}${report.expiresIn !== undefined ? ` (in ${duration(report.expiresIn)})` : ''}`])
  }
  if (facts.length > 0) {
    lines.push('| | |', '| --- | --- |', ...facts.map(([name, value]) => `| ${name} | ${value} |`), '')
  }

  if (report.gate) {
    const { check, grantLink, onMissing } = report.gate
    const missing = check.missing.length
    lines.push(
      '### Required scopes',
      '',
      missing === 0
        ? `All ${check.statuses.length} required scopes are granted.`
        : `${missing} of ${check.statuses.length} required scopes ${missing === 1 ? 'is' : 'are'} missing` +
            ` (on-missing-scopes: ${onMissing}).`,
      '',
      '| Scope | Status |',
      '| --- | --- |',
      ...check.statuses.map(({ scope, status }) => `| \`${scope}\` | ${STATUS_WORDS[status]} |`),
      ''
    )
    if (grantLink) lines.push(`**[Grant the missing scopes](${grantLink})** on the app's permission page, then publish a version.`, '')
  }

  if (report.error) {
    lines.push('### Error', '', ...report.error.split('\n').map(line => `> ${escape(line)}`), '')
  }
  return lines.join('\n')
}
