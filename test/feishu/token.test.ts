// What a tenant token is (src/feishu/token.ts): the rule, case by case (test/support/tokens.ts), and what a run in
// process does with an answer that breaks it: a malformed answer, the token never masked (setSecret) nor output.
// test/action/token.test.ts runs the bundle on the same cases, as the runner sees them.
import { type Sandbox, TEST_APP, faults, startSandbox } from '../../harness/sandbox.js'
import { expireProblem, tokenProblem } from '../../src/feishu/token.js'
import { run } from '../../src/main.js'
import { testDeps } from '../support/deps.js'
import { type FakeCore, fakeCore } from '../support/fake-core.js'
import { EXPIRE_CASES, REFUSALS, TOKEN_CASES } from '../support/tokens.js'

/** A rule's words as they stand inside a sentence. */
const unanchored = (words: RegExp) => words.source.replace(/^\^|\$$/g, '')
const refused = TOKEN_CASES.filter(c => c.refused)
const taken = TOKEN_CASES.filter(c => !c.refused)

describe('tokenProblem: what a tenant_access_token may be', () => {
  it.each(refused)('$what: refused ($refused)', ({ token, refused }) => {
    expect(tokenProblem(token)).toMatch(REFUSALS[refused!])
  })

  it.each(taken)('$what: a token', ({ token }) => {
    expect(tokenProblem(token)).toBeUndefined()
  })
})

describe('expireProblem: a lifetime in seconds, positive, whole, at most 30 days', () => {
  it.each(EXPIRE_CASES.filter(c => c.refused))('$what is refused', ({ expire, refused }) => {
    expect(expireProblem(expire)).toMatch(refused!)
  })

  it.each(EXPIRE_CASES.filter(c => !c.refused))('$what is a lifetime', ({ expire }) => {
    expect(expireProblem(expire)).toBeUndefined()
  })
})

describe('a run in process, answered with each token and expire', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterEach(() => sandbox.clearFaults())
  afterAll(async () => {
    await sandbox.close()
  })

  const issued = { code: 0, msg: 'ok', tenant_access_token: 't-f3a9c2e7b1d8465a0c9e', expire: 7200 }
  async function answeredWith(answer: Record<string, unknown>): Promise<FakeCore> {
    sandbox.failNext(faults.json(200, { ...issued, ...answer }))
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, 'max-attempts': '1' })
    await run(testDeps(core))
    return core
  }

  it.each(refused)('$what: a malformed answer, never masked or output', async ({ token, refused }) => {
    const core = await answeredWith({ tenant_access_token: token })
    expect(core.failed).toMatch(/^Could not get a tenant access token: .*answered code 0 but 'tenant_access_token'/)
    expect(core.failed).toMatch(new RegExp(`answered code 0 but ${unanchored(REFUSALS[refused!])}`))
    expect(core.events.filter(e => e.type === 'setSecret')).toHaveLength(1)
    expect(core.outputs).toEqual({})
  })

  it.each(taken)('$what: the token, output', async ({ token }) => {
    const core = await answeredWith({ tenant_access_token: token })
    expect(core.failed).toBeUndefined()
    expect(core.outputs.token).toBe(token)
  })

  it.each(EXPIRE_CASES.filter(c => c.refused))(
    'an expire of $what is a malformed answer, never a RangeError',
    async ({ expire, refused }) => {
      const core = await answeredWith({ expire })
      expect(core.failed).toMatch(new RegExp(`^Could not get a tenant access token: .*answered code 0 but ${unanchored(refused!)}`))
      expect(core.outputs).toEqual({})
    }
  )
})
