import { type GateRules, gateVerdict } from '../../src/checks/gate.js'
import { type ScopeCheck, checkScopes } from '../../src/checks/scopes.js'
import { APP_ID, granted, rules } from '../support/gate.js'
import { gateWords } from '../../src/words/gate.js'

/** `prefix:000`...: many scope names, in order. */
const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}:${String(i).padStart(3, '0')}`)

/** The gate's verdict as the step says it: its outcome, its one failure and its warnings in words, and the grant link. */
function verdictSaid(check: ScopeCheck, given: GateRules) {
  const verdict = gateVerdict(check, given)
  const { failure, warnings } = gateWords(verdict, check, given)
  return { outcome: verdict.outcome, ...(failure && { failure }), warnings, ...(verdict.grantLink && { grantLink: verdict.grantLink }) }
}

describe("the gate's verdict, as the step says it", () => {
  it('passes with no warning and no link when every required scope is granted and nothing else is configured', () => {
    expect(verdictSaid(checkScopes(['im:message'], [granted('im:message')]), rules({ onUnexpectedScopes: 'fail' }))).toEqual({
      outcome: 'passed',
      warnings: []
    })
  })

  it('fails on a missing scope (the default), with the grant link for it', () => {
    const verdict = verdictSaid(checkScopes(['im:message', 'bitable:app'], [granted('im:message')]), rules())
    expect(verdict.outcome).toBe('failed')
    expect(verdict.failure).toMatch(/^1 of 2 required scopes is missing for app cli_9b445f5258795107:\n- bitable:app: not configured/)
    expect(verdict.warnings).toEqual([])
    expect(verdict.grantLink).toBe(
      'https://open.larksuite.com/app/cli_9b445f5258795107/auth?q=bitable:app&op_from=openapi&token_type=tenant'
    )
  })

  it('warns instead with on-missing-scopes: warn, and still gives the link', () => {
    const verdict = verdictSaid(checkScopes(['bitable:app'], []), rules({ onMissingScopes: 'warn' }))
    expect(verdict).toEqual({
      outcome: 'warned',
      warnings: [expect.stringMatching(/^The required scope is missing/)],
      grantLink: expect.stringContaining('q=bitable:app&')
    })
  })

  it('ignores unexpected scopes by default', () => {
    const check = checkScopes(['im:message'], [granted('im:message'), granted('drive:drive')])
    expect(verdictSaid(check, rules())).toEqual({ outcome: 'passed', warnings: [] })
  })

  it.each([
    ['warn', 'warned'],
    ['fail', 'failed']
  ] as const)('on-unexpected-scopes %s: the step is %s', (onUnexpectedScopes, outcome) => {
    const check = checkScopes(['im:message'], [granted('im:message'), granted('drive:drive')])
    const verdict = verdictSaid(check, rules({ onUnexpectedScopes }))
    expect(verdict.outcome).toBe(outcome)
    const said = outcome === 'failed' ? [verdict.failure] : verdict.warnings
    expect(said).toEqual([expect.stringMatching(/^1 scope is configured on app cli_9b445f5258795107 but not in 'required-scopes'/)])
    expect(verdict.grantLink).toBeUndefined()
  })

  it('fails once with both messages, a blank line between them, when both fail', () => {
    const check = checkScopes(['im:message'], [granted('drive:drive')])
    const verdict = verdictSaid(check, rules({ onUnexpectedScopes: 'fail' }))
    expect(verdict.failure).toMatch(/^The required scope is missing[\s\S]*\n\n1 scope is configured on app/)
    expect(verdict.warnings).toEqual([])
  })

  it('fails on missing scopes and warns about unexpected ones when told so', () => {
    const check = checkScopes(['im:message'], [granted('drive:drive')])
    const verdict = verdictSaid(check, rules({ onUnexpectedScopes: 'warn' }))
    expect(verdict.outcome).toBe('failed')
    expect(verdict.failure).toMatch(/^The required scope is missing/)
    expect(verdict.warnings).toEqual([expect.stringMatching(/^1 scope is configured/)])
  })

  it('links to the first 100 missing scopes only, in the order the error lists them', () => {
    const verdict = verdictSaid(checkScopes(many('s', 120), []), rules())
    expect(verdict.grantLink).toBe(
      `https://open.larksuite.com/app/${APP_ID}/auth?q=${many('s', 100).join(',')}&op_from=openapi&token_type=tenant`
    )
  })
})
