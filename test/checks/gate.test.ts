import { type GateRules, gateVerdict } from '../../src/checks/gate.js'
import { type ScopeCheck, checkScopes } from '../../src/checks/scopes.js'
import { APP_ID, granted, rules } from '../support/gate.js'
import { gateWords } from '../../src/words/gate.js'
import { parseRequiredCalls } from '../../src/inputs/calls.js'
import { small } from '../catalogue/small.js'

/** `prefix:000`...: many scope names, in order. */
const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}:${String(i).padStart(3, '0')}`)

const catalogue = small('GET /open-apis/demo/v1/a demo_a_get tenant demo:a', 'GET /open-apis/demo/v1/b demo_b_get tenant demo:b')
/** The check of required scopes and of required calls (lines of 'required-calls'), against a small catalogue. */
const checkWithCalls = (required: string[], calls: string, listed = [granted('drive:drive')]) =>
  checkScopes(required, listed, { calls: parseRequiredCalls(calls, catalogue).calls, catalogue: () => catalogue })

/** The gate's verdict as the step says it: its outcome, its one failure and its warnings in words, and the grant link. */
function verdictSaid(check: ScopeCheck, given: GateRules) {
  const verdict = gateVerdict(check, given)
  const { failure, warnings } = gateWords(verdict, check, given)
  return { outcome: verdict.outcome, ...(failure && { failure }), warnings, ...(verdict.grantLink && { grantLink: verdict.grantLink }) }
}

describe("the gate's verdict, as the step says it", () => {
  it('says no failure at all, not an empty one, when nothing fails the step', () => {
    const check = checkScopes(['im:message'], [granted('im:message'), granted('drive:drive')])
    const given = rules({ onUnexpectedScopes: 'warn' })
    expect(gateWords(gateVerdict(check, given), check, given)).toStrictEqual({
      warnings: [expect.stringMatching(/drive:drive/)]
    })
  })

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

describe("the gate's findings", () => {
  it.each([
    ['fail', 'fail', ['missing', 'calls', 'unexpected'], []],
    ['fail', 'warn', ['missing', 'calls'], ['unexpected']],
    ['warn', 'fail', ['unexpected'], ['missing', 'calls']],
    ['warn', 'warn', [], ['missing', 'calls', 'unexpected']]
  ] as const)(
    'on-missing-scopes %s, on-unexpected-scopes %s: fail on %j, warn of %j',
    (onMissingScopes, onUnexpectedScopes, failing, warning) => {
      const verdict = gateVerdict(checkWithCalls(['demo:a'], 'GET /open-apis/demo/v1/b'), rules({ onMissingScopes, onUnexpectedScopes }))
      expect(verdict).toEqual({
        outcome: failing.length > 0 ? 'failed' : 'warned',
        failing,
        warning,
        grantLink: `https://open.larksuite.com/app/${APP_ID}/auth?q=demo:a,demo:b&op_from=openapi&token_type=tenant`
      })
    }
  )

  it('hold the calls only when a required call cannot be made, whether scopes are missing or not', () => {
    expect(gateVerdict(checkWithCalls([], 'GET /open-apis/demo/v1/b'), rules())).toMatchObject({ failing: ['calls'], warning: [] })
    expect(gateVerdict(checkWithCalls(['demo:a'], 'GET /open-apis/demo/v1/b', [granted('demo:b')]), rules())).toMatchObject({
      failing: ['missing'],
      warning: []
    })
  })
})

describe('the grant link, when both scopes and calls are missing', () => {
  const page = `the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth)`
  const publish = "publish a version on the app's Version Management & Release page"
  const link = `https://open.larksuite.com/app/${APP_ID}/auth?q=demo:a,demo:b&op_from=openapi&token_type=tenant`
  const scopesMessage = [
    `The required scope is missing for app ${APP_ID}:`,
    `- demo:a: not configured on the app: add it on ${page}, then ${publish}.`
  ].join('\n')
  const callsMessage = [
    `The required call cannot be made by app ${APP_ID}:`,
    `- GET /open-apis/demo/v1/b: the app holds none of the scopes that allow it (demo:b): grant demo:b, the narrowest: add it on ${page}, then ${publish}.`,
    "The scopes that allow each call are those of Feishu's API catalogue of 2026-01-02. Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'.",
    `Grant them in one click: ${link}`
  ].join('\n')

  it('closes the message of the calls, the last one that lists something to grant, and only it', () => {
    expect(verdictSaid(checkWithCalls(['demo:a'], 'GET /open-apis/demo/v1/b', []), rules())).toEqual({
      outcome: 'failed',
      failure: `${scopesMessage}\n\n${callsMessage}`,
      warnings: [],
      grantLink: link
    })
  })

  it('closes it when they only warn, too', () => {
    expect(verdictSaid(checkWithCalls(['demo:a'], 'GET /open-apis/demo/v1/b', []), rules({ onMissingScopes: 'warn' }))).toEqual({
      outcome: 'warned',
      warnings: [scopesMessage, callsMessage],
      grantLink: link
    })
  })
})
