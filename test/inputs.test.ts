import { readActionYml } from '../harness/run-action.js'
import { INPUTS, InputError, type InputSource, parseBaseUrl, readInputs } from '../src/inputs.js'

const APP_ID = 'cli_9b445f5258795107'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret00'

function source(inputs: Record<string, string>) {
  const calls: string[] = []
  const warnings: string[] = []
  const src: InputSource = {
    getInput: name => {
      calls.push(`get ${name}`)
      return inputs[name] ?? ''
    },
    setSecret: value => void calls.push(`mask ${value}`),
    warning: message => void warnings.push(message),
    onRunner: true
  }
  return { src, calls, warnings }
}

const read = (inputs: Record<string, string>) => readInputs(source({ 'app-id': APP_ID, 'app-secret': SECRET, ...inputs }).src)

function inputError(inputs: Record<string, string>): string {
  try {
    read(inputs)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected an InputError')
}

describe('readInputs', () => {
  it("reads every input of action.yml, in its order, with action.yml's default", () => {
    const declared = readActionYml().inputs
    expect(Object.keys(INPUTS)).toEqual(Object.keys(declared))
    for (const [name, { default: fallback }] of Object.entries(INPUTS)) {
      expect([name, fallback]).toEqual([name, declared[name]!.default ?? ''])
    }
  })

  it("states each number input's range in action.yml, as the parser holds it", () => {
    const declared = readActionYml().inputs
    const parse = (name: string, value: string) => () =>
      INPUTS[name as keyof typeof INPUTS].parse(value, {
        name,
        default: declared[name]!.default ?? '',
        warning: () => undefined,
        given: () => '',
        onRunner: true
      })
    const refusal = (name: string, value: string): string => {
      try {
        parse(name, value)()
        return ''
      } catch (error) {
        return (error as Error).message
      }
    }
    const ranges = Object.keys(INPUTS).flatMap(name => {
      // Out of any range: a number input's refusal names its limits.
      const limits = /use (a whole number|a number) from (\S+) to (\S+) \(default/.exec(refusal(name, '99999'))
      if (!limits) return []
      const [whole, min, max] = [limits[1] === 'a whole number', Number(limits[2]), Number(limits[3])]
      // The limits are the parser's: both ends taken, just past them refused.
      expect(parse(name, String(min))).not.toThrow()
      expect(parse(name, String(max))).not.toThrow()
      expect(parse(name, String(min >= 1 ? min - 1 : min / 2))).toThrow(InputError)
      expect(parse(name, String(max + 1))).toThrow(InputError)
      if (whole) expect(parse(name, String(min + 0.5))).toThrow(InputError)
      return [[name, `(${whole ? 'a whole number, ' : ''}${min} to ${max})`] as const]
    })
    expect(ranges.map(([name]) => name)).toEqual(['timeout-seconds', 'attempt-timeout-seconds', 'max-attempts'])
    for (const [name, range] of ranges) expect([name, declared[name]!.description]).toEqual([name, expect.stringContaining(range)])
  })

  it('gives defaults for everything optional', () => {
    expect(read({})).toEqual({
      appId: APP_ID,
      appSecret: SECRET,
      endpoint: { baseUrl: 'https://open.feishu.cn', region: 'feishu' },
      exportEnv: false,
      requiredAccess: [],
      requiredScopes: [],
      onMissingAccess: 'fail',
      onMissingScopes: 'fail',
      onUnexpectedScopes: 'ignore',
      requestApproval: false,
      checkBot: false,
      timeoutMs: 60_000,
      attemptTimeoutMs: 10_000,
      maxAttempts: 4
    })
  })

  it.each([
    ['1', 1000],
    ['2.5', 2500],
    ['600', 600_000]
  ])('attempt-timeout-seconds %s', (value, ms) => {
    expect(read({ 'attempt-timeout-seconds': value }).attemptTimeoutMs).toBe(ms)
  })

  it.each(['0', '0.5', '601', 'ten', '-1', '1e3'])('rejects attempt-timeout-seconds %j', value => {
    expect(inputError({ 'attempt-timeout-seconds': value })).toMatch(
      /^Input 'attempt-timeout-seconds' is ".*": use a number from 1 to 600 \(default 10\)\.$/
    )
  })

  it('masks the App Secret as soon as it is read, before any other input', () => {
    const { src, calls } = source({ 'app-id': APP_ID, 'app-secret': SECRET })
    readInputs(src)
    expect(calls.slice(0, 2)).toEqual(['get app-secret', `mask ${SECRET}`])
  })

  it.each([
    [{ 'app-id': '' }, /Input 'app-id' is empty.*forks or by Dependabot/],
    [{ 'app-secret': '' }, /Input 'app-secret' is empty.*secrets\.FEISHU_APP_SECRET.*forks or by Dependabot/]
  ])('%j is an error that names the input and the usual cause', (inputs, expected) => {
    expect(inputError(inputs)).toMatch(expected)
  })

  it('lists every bad input at once', () => {
    const message = inputError({ 'app-id': '', region: 'cn', 'max-attempts': '0' })
    expect(message.split('\n')).toHaveLength(3)
    expect(message).toMatch(/'app-id'/)
    expect(message).toMatch(/'region'/)
    expect(message).toMatch(/'max-attempts'/)
  })

  it.each(['cli_123', 'app_9b445f5258795107', 'cli_9b445f5258795107x'])('warns about an odd App ID %s but goes on', appId => {
    const { src, warnings } = source({ 'app-id': appId, 'app-secret': SECRET })
    expect(readInputs(src).appId).toBe(appId)
    expect(warnings).toEqual([expect.stringMatching(/Input 'app-id'.*'cli_' followed by 16 characters/)])
  })

  it('does not warn about a well-formed App ID', () => {
    const { src, warnings } = source({ 'app-id': APP_ID, 'app-secret': SECRET })
    readInputs(src)
    expect(warnings).toEqual([])
  })

  it.each([
    ['feishu', 'https://open.feishu.cn'],
    ['Lark', 'https://open.larksuite.com'],
    ['LARK', 'https://open.larksuite.com'],
    ['', 'https://open.feishu.cn']
  ])('region %j uses %s', (region, baseUrl) => {
    expect(read({ region }).endpoint.baseUrl).toBe(baseUrl)
  })

  it('lists the valid regions for an unknown one', () => {
    expect(inputError({ region: 'larksuite' })).toMatch(/Input 'region' is "larksuite": use 'feishu' .* or 'lark'/)
  })

  it('lets base-url override region', () => {
    expect(read({ region: 'lark', 'base-url': 'https://feishu.example.com/' }).endpoint).toEqual({ baseUrl: 'https://feishu.example.com' })
  })

  it.each([
    ['true', true],
    ['True', true],
    ['false', false],
    ['FALSE', false]
  ])('export-env %s is %s', (value, expected) => {
    expect(read({ 'export-env': value }).exportEnv).toBe(expected)
  })

  it.each(['yes', '1', 'on'])('export-env %s is an error', value => {
    expect(inputError({ 'export-env': value })).toMatch(/Input 'export-env' is .*'true' or 'false'/)
  })

  it('parses required-scopes from a block scalar', () => {
    expect(read({ 'required-scopes': 'im:message\nbitable:app, im:message\n\n' }).requiredScopes).toEqual(['im:message', 'bitable:app'])
  })

  it('rejects a required scope that cannot be a scope name, quoting it', () => {
    expect(inputError({ 'required-scopes': 'im:message, bitable app' })).toMatch(
      /Input 'required-scopes' has entries that are not scope names: "bitable", "app"/
    )
  })

  it.each([
    ['warn', 'warn'],
    ['FAIL', 'fail']
  ])('on-missing-scopes %s', (value, expected) => {
    expect(read({ 'on-missing-scopes': value }).onMissingScopes).toBe(expected)
  })

  it('rejects another on-missing-scopes', () => {
    expect(inputError({ 'on-missing-scopes': 'ignore' })).toMatch(/Input 'on-missing-scopes' is "ignore": use 'fail' .* or 'warn'/)
  })

  it.each([
    ['timeout-seconds', '2.5', 'timeoutMs', 2500],
    ['max-attempts', '1', 'maxAttempts', 1],
    ['max-attempts', '10', 'maxAttempts', 10]
  ] as const)('%s %s', (input, value, field, expected) => {
    expect(read({ [input]: value })[field]).toBe(expected)
  })

  it.each([
    ['timeout-seconds', '0'],
    ['timeout-seconds', '-5'],
    ['timeout-seconds', 'soon'],
    ['timeout-seconds', '1e3'],
    ['max-attempts', '2.5'],
    ['max-attempts', '21']
  ])('%s %s is an error with the range', (input, value) => {
    expect(inputError({ [input]: value })).toMatch(new RegExp(`Input '${input}' is "${value}": use .* from .* to .*default`))
  })
})

describe('parseBaseUrl', () => {
  it.each([
    ['https://open.feishu.cn', 'https://open.feishu.cn'],
    ['https://open.feishu.cn/', 'https://open.feishu.cn'],
    ['HTTPS://Open.Feishu.CN', 'https://open.feishu.cn'],
    ['https://feishu.example.com:8443', 'https://feishu.example.com:8443'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.12.0.9', 'http://127.12.0.9'],
    ['http://[::1]:9000', 'http://[::1]:9000']
  ])('accepts %s as %s', (value, expected) => {
    expect(parseBaseUrl(value)).toBe(expected)
  })

  it.each([
    ['open.feishu.cn', /not an absolute URL/],
    ['/open-apis', /not an absolute URL/],
    ['http://open.feishu.cn', /plain http:\/\/.*loopback/],
    ['http://127.0.0.1.nip.io', /plain http:\/\//],
    ['http://10.0.0.1', /plain http:\/\//],
    ['ftp://open.feishu.cn', /must start with https:\/\//],
    ['https://user:pass@open.feishu.cn', /credentials/],
    ['https://open.feishu.cn/?a=1', /query/],
    ['https://open.feishu.cn?', /query/],
    ['https://open.feishu.cn/#x', /fragment/],
    ['https://open.feishu.cn/open-apis', /no path/]
  ])('rejects %s', (value, expected) => {
    expect(() => parseBaseUrl(value)).toThrow(InputError)
    expect(() => parseBaseUrl(value)).toThrow(expected)
    expect(() => parseBaseUrl(value)).toThrow(/Input 'base-url'/)
  })

  it('does not repeat the credentials of a rejected URL', () => {
    expect(() => parseBaseUrl('https://user:hunter2@open.feishu.cn')).toThrow(
      'Input \'base-url\' ("https://***@open.feishu.cn") must not contain credentials'
    )
  })
})
