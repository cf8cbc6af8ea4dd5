// Secrets out of text (src/output/redact.ts): the redactor itself, and what a run in process writes when a server
// echoes a secret where the text is later cut or escaped.
import { type Fault, type Sandbox, TEST_APP, faults, startSandbox } from '../../harness/sandbox.js'
import { run } from '../../src/main.js'
import { SECRET_WINDOW, createRedactor } from '../../src/output/redact.js'
import { testDeps } from '../support/deps.js'
import { type FakeCore, fakeCore } from '../support/fake-core.js'
import { leaks } from '../support/leaks.js'

const SECRET = 'S3cretS3cretS3cretS3cretS3cret00'
const TOKEN = 't-g1044qeGEDXTB6NDJOGV4JQX6JVEZAMDDPHD0ZTG'

describe('createRedactor', () => {
  it('replaces every occurrence of every secret with ***', () => {
    const { add, redact } = createRedactor()
    add(SECRET)
    add(TOKEN)
    // Two secrets in a row are one stretch of secret: one ***.
    expect(redact(`secret ${SECRET}, token ${TOKEN}, again ${SECRET}${SECRET}`)).toBe('secret ***, token ***, again ***')
  })

  it('redacts only what was added before', () => {
    const { add, redact } = createRedactor()
    expect(redact(`token ${TOKEN}`)).toBe(`token ${TOKEN}`)
    add(TOKEN)
    expect(redact(`token ${TOKEN}`)).toBe('token ***')
  })

  it('ignores an empty secret, which would otherwise put *** between every character', () => {
    const { add, redact } = createRedactor()
    add('')
    expect(redact('ab')).toBe('ab')
  })

  it('adds a secret once, however often it is given', () => {
    // Redacting twice would find the secret again in the *** of the first pass.
    const { add, redact } = createRedactor()
    add('**')
    add('**')
    expect(redact('a ** b')).toBe('a *** b')
  })

  it('redacts every string inside a parsed JSON value, leaving keys and other values as they are', () => {
    const { add, redactDeep } = createRedactor()
    add(TOKEN)
    const answer = {
      code: 0,
      ok: true,
      none: null,
      [TOKEN]: 'key',
      msg: `echo ${TOKEN}`,
      data: { scopes: [{ scope_name: TOKEN, grant_status: 1 }, TOKEN, 7] }
    }
    expect(redactDeep(answer)).toEqual({
      code: 0,
      ok: true,
      none: null,
      [TOKEN]: 'key',
      msg: 'echo ***',
      data: { scopes: [{ scope_name: '***', grant_status: 1 }, '***', 7] }
    })
    expect(redactDeep(TOKEN)).toBe('***')
    expect(redactDeep(42)).toBe(42)
    expect(redactDeep(undefined)).toBeUndefined()
  })

  it('hides any SECRET_WINDOW characters in a row of a secret, its first and last ones included, and no fewer', () => {
    const { add, redact } = createRedactor()
    add(SECRET)
    for (let start = 0; start + SECRET_WINDOW <= SECRET.length; start++) {
      expect(redact(`<${SECRET.slice(start, start + SECRET_WINDOW)}>`)).toBe('<***>')
    }
    const tooShort = SECRET.slice(SECRET.length - SECRET_WINDOW + 1)
    expect(redact(`<${tooShort}>`)).toBe(`<${tooShort}>`)
    // Text before, between and after keeps every character of its own.
    expect(redact(`a${SECRET.slice(3, 20)}b c${SECRET.slice(-9)}`)).toBe('a***b c***')
  })

  it('writes a secret as long as the window, repeated without a gap, as one ***', () => {
    const { add, redact } = createRedactor()
    const eight = 'k9Vq2ZxT'
    expect(eight).toHaveLength(SECRET_WINDOW)
    add(eight)
    expect(redact(`[${eight}${eight}] [${eight}]`)).toBe('[***] [***]')
  })

  it('keeps empty arrays and objects empty, and makes its copy as JSON.parse makes values', () => {
    const { add, redactDeep } = createRedactor()
    add(TOKEN)
    expect(redactDeep({ list: [], map: {} })).toEqual({ list: [], map: {} })
    const text = `{"__proto__":"${TOKEN}","msg":"m","data":{"items":["a"]}}`
    const copy = redactDeep(JSON.parse(text)) as Record<string, unknown>
    const parsed = JSON.parse(text.replace(TOKEN, '***'))
    // The same own keys (__proto__ stays a key), each as changeable as JSON.parse's.
    expect(Object.getOwnPropertyDescriptors(copy)).toEqual(Object.getOwnPropertyDescriptors(parsed))
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptors((copy.data as { items: string[] }).items)).toEqual(
      Object.getOwnPropertyDescriptors(parsed.data.items)
    )
  })

  it('walks an answer nested deeper than the call stack goes, keeping its code and redacting at the bottom', () => {
    const { add, redactDeep } = createRedactor()
    add(TOKEN)
    const depth = 200_000
    const answer = JSON.parse(`{"code":10014,"msg":"x","data":${'['.repeat(depth)}"${TOKEN}"${']'.repeat(depth)}}`)
    const copy = redactDeep(answer) as { code: number; data: unknown }
    expect(copy.code).toBe(10014)
    let inner: unknown = copy.data
    for (let level = 0; level < depth; level++) inner = (inner as unknown[])[0]
    expect(inner).toBe('***')
  })
})

describe('in a run, secrets are redacted before any text is shortened or escaped', () => {
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    await sandbox.close()
  })

  async function runWith(inputs: Record<string, string>, ...answers: Fault[]): Promise<FakeCore> {
    sandbox.failNext(...answers)
    const core = fakeCore({
      'app-id': TEST_APP.appId,
      'app-secret': TEST_APP.appSecret,
      'base-url': sandbox.url,
      'max-attempts': '1',
      ...inputs
    })
    await run(testDeps(core))
    return core
  }

  /** Everything the run wrote where a secret must never be: logs, errors, debug lines, the summary, every output but `token`. */
  function everywhere(core: FakeCore): Record<string, string> {
    const { token: _token, ...outputs } = core.outputs
    return { printed: core.printed, outputs: JSON.stringify(outputs) }
  }

  it.each([
    [
      'msg, where a cut at 200 characters falls inside the secret',
      (s: string) => faults.json(400, { code: 99999, msg: `${'x'.repeat(190)}${s}` })
    ],
    [
      'error.troubleshooter',
      (s: string) => faults.json(400, { code: 99999, msg: 'no', error: { troubleshooter: `https://t.example/${'y'.repeat(170)}${s}` } })
    ],
    [
      'error.log_id, when no log id header came',
      (s: string): Fault =>
        (req, res) => {
          res.removeHeader('x-tt-logid')
          faults.json(400, { code: 99999, msg: 'no', error: { log_id: `${'z'.repeat(188)}${s}` } })(req, res)
        }
    ],
    ['the x-tt-logid header', (s: string) => faults.json(400, { code: 99999, msg: 'no' }, { 'x-tt-logid': `${'L'.repeat(188)}${s}` })],
    ['msg, with a secret that holds Markdown and JSON metacharacters', (s: string) => faults.json(400, { code: 99999, msg: `echo ${s}` })]
  ])('the App Secret echoed in %s', async (_where, answer) => {
    const secret = 'SECRET|with`tick"quote\\0123456789abcdef'
    const core = await runWith({ 'app-secret': secret }, answer(secret))
    expect(core.failed).toBeDefined()
    expect(leaks(everywhere(core), [secret])).toEqual([])
  })

  it('the token, echoed by the scopes call past the cut', async () => {
    const issued = 't-f3a9c2e7b1d8465a0c9e'
    const core = await runWith(
      { 'required-scopes': 'im:message' },
      faults.json(200, { code: 0, msg: 'ok', tenant_access_token: issued, expire: 7200 }),
      faults.json(400, { code: 99991663, msg: `${'x'.repeat(185)}${issued}` })
    )
    expect(core.failed).toMatch(/code 99991663/)
    expect(leaks(everywhere(core), [issued, TEST_APP.appSecret])).toEqual([])
  })
})
