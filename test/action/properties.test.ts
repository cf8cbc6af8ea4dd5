// Property-based tests: whatever the inputs and whatever the server answers, the action ends cleanly
// (never an unhandled rejection), fails with at most one error, sends nothing after an input error,
// and never prints the secret. The first two run `run` in process (hundreds of runs each); the third runs the bundle.
import fc from 'fast-check'
import { type Fault, type Sandbox, TEST_APP, startSandbox } from '../../harness/sandbox.js'
import { type Transport, openTransport } from '../../src/feishu/transport.js'
import { run } from '../../src/main.js'
import { runBundle } from '../support/action.js'
import { testDeps } from '../support/deps.js'
import { fakeCore } from '../support/fake-core.js'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ apps: [TEST_APP, { ...TEST_APP, appId: 'cli_0123456789abcdef', appSecret: 'SECRETotherApp' }] })
})
afterAll(async () => {
  await sandbox.close()
})

/** The real transport, refusing any URL but the sandbox's: a property must never reach the network. */
function loopbackOnly(baseUrl: string): Transport {
  const real = openTransport(baseUrl)
  return {
    ...real,
    http: {
      request: (verb, url, data, headers) => {
        if (!url.startsWith(`${sandbox.url}/`)) throw new Error(`property reached for ${url}`)
        return real.http.request(verb, url, data, headers)
      }
    }
  }
}

async function runInProcess(inputs: Record<string, string>) {
  const core = fakeCore(inputs)
  const before = sandbox.requests.length
  await run(testDeps(core, { openTransport: loopbackOnly, random: Math.random }))
  const failures = core.events.filter(e => e.type === 'setFailed')
  return { core, failures, requests: sandbox.requests.length - before }
}

// No ':' so that no generated base-url can be a URL; the sandbox's own URL is the only reachable one.
const noColon = fc.string({ maxLength: 30 }).filter(s => !s.includes(':'))
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\n', 'true', 'false', '0', '-1', '1e9', '60', 'warn', 'fail', 'FEISHU', 'lark')
)
const scopeText = fc.oneof(
  fc
    .array(fc.constantFrom('im:message', 'bitable:app', 'docx:document', 'Bad', 'a:b:c:d:e', '', ' ', ',', '\n'), { maxLength: 6 })
    .map(parts => parts.join(' ')),
  fc.string({ maxLength: 40 })
)

/** Mostly a valid value, sometimes anything: so that runs reach the server as well as the input checks. */
const mostly = (valid: fc.Arbitrary<string>, other: fc.Arbitrary<string> = anyText) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 })

/** Mostly not given (its default), sometimes a valid value, rarely anything: inputs that can only add errors. */
const rarely = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: valid, weight: 2 }, { arbitrary: anyText, weight: 1 })

const inputs = fc
  .record(
    {
      'app-id': mostly(fc.constantFrom(TEST_APP.appId, 'cli_0123456789abcdef', 'cli_ffffffffffffffff')),
      'app-secret': fc.oneof(
        fc.constant(TEST_APP.appSecret),
        fc.string({ maxLength: 20 }).map(s => `SECRET${s}`),
        fc.constant('')
      ),
      region: mostly(fc.constantFrom('', 'feishu', 'Lark')),
      'base-url': mostly(
        fc.constant('SANDBOX'),
        noColon.filter(s => s.trim() !== '')
      ),
      'export-env': mostly(fc.constantFrom('', 'true', 'false')),
      'required-scopes': scopeText,
      'on-missing-scopes': mostly(fc.constantFrom('', 'fail', 'warn')),
      'on-unexpected-scopes': rarely(fc.constantFrom('ignore', 'warn', 'fail')),
      'request-approval': rarely(fc.constantFrom('false', 'true')),
      'attempt-timeout-seconds': rarely(fc.constantFrom('1', '10')),
      'timeout-seconds': mostly(fc.constantFrom('', '5', '0.5')),
      'max-attempts': mostly(fc.constantFrom('', '1', '2'))
    },
    { requiredKeys: ['app-secret', 'base-url'] }
  )
  .map(record => ({ ...record, 'base-url': record['base-url'] === 'SANDBOX' ? sandbox.url : record['base-url'] }))

/** An arbitrary answer: any status, a few headers of any value, a body that is JSON of any shape, text or bytes. */
const answer: fc.Arbitrary<Fault> = fc
  .record({
    status: fc.integer({ min: 200, max: 599 }),
    headers: fc.dictionary(
      fc.constantFrom('content-type', 'x-tt-logid', 'x-request-id', 'retry-after', 'x-ogw-ratelimit-reset', 'location'),
      fc.string({ maxLength: 30 }).map(s => s.replace(/[^\x20-\x7e]/g, '')),
      { maxKeys: 4 }
    ),
    body: fc.oneof(
      fc
        .record(
          {
            code: fc.oneof(fc.constant(0), fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)),
            msg: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
            tenant_access_token: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)),
            expire: fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double(), fc.string({ maxLength: 5 })),
            data: fc.oneof(fc.constant(null), fc.record({ scopes: fc.anything({ maxDepth: 2 }) }))
          },
          { requiredKeys: [] }
        )
        .map(value => JSON.stringify(value)),
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map(bytes => Buffer.from(bytes).toString('latin1'))
    )
  })
  .map(({ status, headers, body }) => (_req, res) => {
    res.writeHead(status, headers)
    res.end(Buffer.from(body, 'latin1'))
  })

describe('properties', () => {
  it('any inputs: the run ends cleanly with at most one error, and an input error sends nothing', async () => {
    const seen = { inputErrors: 0, reachedServer: 0 }
    await fc.assert(
      fc.asyncProperty(inputs, async given => {
        const { core, failures, requests } = await runInProcess(given)
        if (core.failed?.startsWith('Input ')) seen.inputErrors++
        if (requests > 0) seen.reachedServer++
        expect(failures.length).toBeLessThanOrEqual(1)
        const failure = core.failed
        if (failure?.startsWith('Input ')) expect(requests).toBe(0)
        if (given['app-secret'].length >= 8) expect(core.printed).not.toContain(given['app-secret'])
        for (const token of sandbox.issuedTokens()) expect(core.printed).not.toContain(token)
      }),
      { numRuns: 300 }
    )
    // The generator must exercise both paths, or the property proves nothing.
    expect(seen.inputErrors).toBeGreaterThan(10)
    expect(seen.reachedServer).toBeGreaterThan(10)
  })

  it('any server answer: the run ends cleanly with at most one error and no secret printed', async () => {
    await fc.assert(
      fc.asyncProperty(answer, answer, fc.constantFrom('', 'im:message'), async (first, second, scopes) => {
        sandbox.failNext(first, second)
        const { core, failures } = await runInProcess({
          'app-id': TEST_APP.appId,
          'app-secret': TEST_APP.appSecret,
          'base-url': sandbox.url,
          'required-scopes': scopes,
          'max-attempts': '2',
          'timeout-seconds': '5'
        })
        sandbox.clearFaults()
        expect(failures.length).toBeLessThanOrEqual(1)
        if (failures.length === 0) expect(core.outputs.token).toMatch(/\S/)
        expect(core.printed).not.toContain(TEST_APP.appSecret)
        for (const token of [...sandbox.issuedTokens(), core.outputs.token].filter((t): t is string => !!t && t.length >= 6)) {
          expect(core.printed).not.toContain(token)
        }
      }),
      { numRuns: 150 }
    )
  })

  it('the bundle exits 0 or 1 on any server answer, never crashing or leaking', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async first => {
        sandbox.failNext(first)
        const result = await runBundle({ sandbox, inputs: { 'required-scopes': 'im:message', 'max-attempts': '1' } })
        expect([0, 1]).toContain(result.exitCode)
        expect(result.errors.length).toBe(result.exitCode)
        expect(result.stderr).toBe('')
        // Within GitHub's limits: 1 MiB of summary per step, and the action's half of the job's 1 MiB of outputs.
        expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
        expect(Buffer.byteLength(result.files.output)).toBeLessThan(512 * 1024)
      }),
      { numRuns: 20 }
    )
  })
})
