import { readActionYml } from '../../harness/run-action.js'
import { InputError } from '../../src/inputs/error.js'
import { type InputSource, readInputs } from '../../src/inputs/read.js'
import { INPUTS } from '../../src/inputs/table.js'

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
      requiredCalls: [],
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

  it.each(['cli_123', 'app_9b445f5258795107', 'cli_9b445f5258795107x', 'xcli_9b445f5258795107'])(
    'warns about an odd App ID %s but goes on',
    appId => {
      const { src, warnings } = source({ 'app-id': appId, 'app-secret': SECRET })
      expect(readInputs(src).appId).toBe(appId)
      expect(warnings).toEqual([expect.stringMatching(/Input 'app-id'.*'cli_' followed by 16 characters/)])
    }
  )

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

describe('readInputs: the spellings and numbers the README promises', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('check-bot and request-approval %s are %s', (value, expected) => {
    const config = read({ 'check-bot': value, 'request-approval': value, 'required-scopes': 'im:message' })
    expect([config.checkBot, config.requestApproval]).toEqual([expected, expected])
  })

  it.each(['tRUE', 'fALSE', 'yes', 'no', '0', 'enabled'])('%s is not a boolean', value => {
    expect(inputError({ 'check-bot': value })).toBe(`Input 'check-bot' is "${value}": use 'true' or 'false'.`)
  })

  it.each([
    ['2.55', 2550],
    ['0.1', 100],
    ['2.5555', 2556],
    ['10', 10_000],
    ['3600', 3_600_000],
    ['007', 7000]
  ])('timeout-seconds %s is %i ms', (value, ms) => {
    expect(read({ 'timeout-seconds': value }).timeoutMs).toBe(ms)
  })

  it.each(['.5', '5.', '0x10', '1_000', 'Infinity', '3600.5', '0.05', '+5', '5 s', '9'.repeat(400)])(
    'timeout-seconds %s is refused',
    value => {
      expect(inputError({ 'timeout-seconds': value })).toMatch(
        /^Input 'timeout-seconds' is ".*": use a number from 0\.1 to 3600 \(default 60\)\.$/
      )
    }
  )

  it('says "a whole number" for max-attempts', () => {
    expect(inputError({ 'max-attempts': '2.5' })).toBe('Input \'max-attempts\' is "2.5": use a whole number from 1 to 20 (default 4).')
  })

  it('reads every other setting into the config', () => {
    const config = read({
      'required-scopes': 'im:message',
      'on-unexpected-scopes': 'WARN',
      'required-access': 'oc_a0553eda9014c201e6969b478895c230',
      'on-missing-access': 'warn'
    })
    expect(config).toMatchObject({
      requiredScopes: ['im:message'],
      onUnexpectedScopes: 'warn',
      requiredAccess: [{ kind: 'chat', id: 'oc_a0553eda9014c201e6969b478895c230', edit: false }],
      onMissingAccess: 'warn'
    })
  })

  it('lists the three choices of on-unexpected-scopes, the last after "or"', () => {
    expect(inputError({ 'on-unexpected-scopes': 'strict', 'required-scopes': 'im:message' })).toBe(
      "Input 'on-unexpected-scopes' is \"strict\": use 'ignore' (no audit), 'warn' (a warning, the step passes) or 'fail' (the step fails)."
    )
  })

  it("points at 'base-url' for an unknown region only when base-url is not set", () => {
    expect(inputError({ region: 'cn' })).toBe(
      "Input 'region' is \"cn\": use 'feishu' (open.feishu.cn, China) or 'lark' (open.larksuite.com, international), or set 'base-url' for a private deployment."
    )
    expect(inputError({ region: 'cn', 'base-url': 'https://feishu.example.com' })).toMatch(
      /\. 'base-url' is set and is where requests go, so 'region' may also be left out\.$/
    )
  })

  it.each(['on-missing-scopes', 'on-missing-access'])('says what each choice of %s does', name => {
    expect(inputError({ [name]: 'ignore' })).toBe(
      `Input '${name}' is "ignore": use 'fail' (the step fails) or 'warn' (a warning, the step passes).`
    )
  })

  it('is an InputError by name too', () => {
    expect(() => read({ region: 'cn' })).toThrow(expect.objectContaining({ name: 'InputError' }))
  })

  it('says what a scope name is', () => {
    expect(inputError({ 'required-scopes': 'IM:MESSAGE' })).toBe(
      'Input \'required-scopes\' has an entry that is not a scope name: "IM:MESSAGE". Scope names are lowercase letters, digits and _ . -, in two to four parts separated by colons, e.g. im:message or contact:user.base:readonly; separate them with commas, spaces or newlines.'
    )
  })

  it('says "an entry" for one required scope that is not a scope name', () => {
    expect(inputError({ 'required-scopes': 'im:message bitable' })).toMatch(
      /^Input 'required-scopes' has an entry that is not a scope name: "bitable"\. Scope names are lowercase/
    )
  })

  it('quotes an odd App ID in its warning, cut to 60 characters', () => {
    const { src, warnings } = source({ 'app-id': `cli_${'x'.repeat(100)}`, 'app-secret': SECRET })
    readInputs(src)
    expect(warnings[0]).toBe(
      `Input 'app-id' ("cli_${'x'.repeat(56)}...") does not look like an App ID ('cli_' followed by 16 characters). Trying it anyway: Feishu has the final word.`
    )
  })

  it.each(['cli_9B445F5258795107', 'CLI_9b445f5258795107'])('takes %s, in another case, without a warning', appId => {
    const { src, warnings } = source({ 'app-id': appId, 'app-secret': SECRET })
    readInputs(src)
    expect(warnings).toEqual([])
  })
})

describe('readInputs: hidden characters', () => {
  it.each([
    ['app-id', `${APP_ID}\n::set-output name=x::y`],
    ['app-secret', `${SECRET}\u200B`],
    ['region', 'feishu\r'],
    ['base-url', 'https://open.feishu.cn\u202E'],
    ['max-attempts', '4\t']
  ])('refuses %s with a line break, control or invisible character, and never shows the value', (name, value) => {
    const message = inputError({ [name]: value })
    // The character as an escape, never the value; and of the secret, not even that.
    const shown = name === 'app-secret' ? '' : ` \\(\\\\u[0-9A-F]{4}\\)`
    expect(message).toMatch(
      new RegExp(
        `^Input '${name}' contains a line break, control character or invisible formatting character${shown}: give it on one line, as plain text\\.$`
      )
    )
    expect(message).not.toContain(value.slice(0, 8))
  })

  it('does not let a line break join what it separates into an emoji that would hide a joiner', () => {
    // Taken out, the line break would make 👩 + joiner + 💻 one emoji, and the joiner would pass unseen.
    expect(inputError({ 'required-scopes': 'im:message 👩\n\u200D💻' })).toMatch(
      /^Input 'required-scopes', line 2 \("\\u200D💻"\) contains an invisible or control character \(\\u200D\)/
    )
  })

  it('lets required-scopes and required-access span lines and tabs, but not hold anything else that hides', () => {
    expect(read({ 'required-scopes': 'im:message\r\n\tbitable:app' }).requiredScopes).toEqual(['im:message', 'bitable:app'])
    expect(read({ 'required-access': 'base:B1\r\n\tdocx:D1' }).requiredAccess).toHaveLength(2)
    for (const name of ['required-scopes', 'required-access']) {
      expect(inputError({ [name]: 'im:message\u0007' })).toBe(
        `Input '${name}', line 1 ("im:message\\u0007") contains an invisible or control character (\\u0007), which text copied from a browser or a chat often carries: delete it, or type the line again.`
      )
      expect(inputError({ [name]: 'im:message\nim:message\u2028bitable:app' })).toMatch(
        new RegExp(`^Input '${name}', line 2 \\(.*\\) contains an invisible or control character \\(\\\\u2028\\)`)
      )
    }
  })

  it('names every line of a list that hides something, and still reads the others: every problem at once', () => {
    const lines = ['oc_a0553eda9014c201e6969b478895c230 # \u202egnp.exe', 'docx:Ab\u200bC', 'bogus line', 'base:abc/def']
    expect(inputError({ 'required-access': lines.join('\n') }).split('\n')).toEqual([
      `Input 'required-access', line 1 ("oc_a0553eda9014c201e6969b478895c230 # \\u202Egnp.exe") contains an invisible or control character (\\u202E), which text copied from a browser or a chat often carries: delete it, or type the line again.`,
      `Input 'required-access', line 2 ("docx:Ab\\u200BC") contains an invisible or control character (\\u200B), which text copied from a browser or a chat often carries: delete it, or type the line again.`,
      `Input 'required-access', line 3 ("bogus line"): one resource a line, and after it only the word 'edit' (and a label after '#').`,
      `Input 'required-access', line 4 ("base:abc/def"): a Base's id is letters and digits, at most 64.`,
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })
})

describe('readInputs: inputs that need each other', () => {
  it("refuses on-unexpected-scopes and request-approval without 'required-scopes' or 'required-calls'", () => {
    expect(inputError({ 'on-unexpected-scopes': 'warn', 'request-approval': 'true' }).split('\n')).toEqual([
      "Input 'on-unexpected-scopes' is 'warn', but 'required-scopes' and 'required-calls' are empty, so there is nothing to compare with: list every scope the app should hold in 'required-scopes', or the calls it makes in 'required-calls', or leave 'on-unexpected-scopes' at 'ignore'.",
      "Input 'request-approval' is 'true', but 'required-scopes' and 'required-calls' are empty, so no scope is known to ask approval for: list every scope the app should hold in 'required-scopes', or the calls it makes in 'required-calls', or leave 'request-approval' at 'false'."
    ])
  })

  it('says a line that hides something once, and nothing of an empty list for it', () => {
    expect(inputError({ 'required-access': 'docx:Ab\u200bC', 'on-missing-access': 'warn' }).split('\n')).toEqual([
      expect.stringMatching(/^Input 'required-access', line 1 \("docx:Ab\\u200BC"\) contains an invisible or control character/)
    ])
  })

  it("reads the region of a link from base-url when base-url is one region's API, and names base-url", () => {
    expect(inputError({ 'base-url': 'https://open.larksuite.com', 'required-access': 'https://acme.feishu.cn/docx/AbC' })).toBe(
      `Input 'required-access', line 1 ("https://acme.feishu.cn/docx/AbC"): it is a Feishu link, but 'base-url' is 'https://open.larksuite.com' (Lark): an app reaches only the resources of its own region; set 'base-url' to 'https://open.feishu.cn' if the app is a Feishu app.`
    )
  })

  it("says at most 100 lines of a list's problems, counts the rest, and still says the other inputs' problems", () => {
    const bad = Array.from({ length: 150 }, (_, n) => `bogus line ${n + 1}\u200b`).join('\n')
    const lines = inputError({ 'required-access': bad, 'on-missing-access': 'loud' }).split('\n')
    expect(lines).toHaveLength(102)
    expect(lines[0]).toMatch(/^Input 'required-access', line 1 \("bogus line 1\\u200B"\) contains an invisible/)
    expect(lines[99]).toMatch(/^Input 'required-access', line 100 /)
    expect(lines[100]).toBe("Input 'required-access': 50 more lines like these, not shown (at most 100).")
    expect(lines[101]).toMatch(/^Input 'on-missing-access' is "loud"/)
    // 99 bad lines and what a line may hold: 100 lines, all shown.
    const fewer = inputError({ 'required-access': Array.from({ length: 99 }, (_, n) => `bogus ${n} line`).join('\n') }).split('\n')
    expect(fewer).toHaveLength(100)
    expect(fewer[99]).toMatch(/^Input 'required-access' takes one resource a line/)
    // 101 bad lines: the first 100, the one more counted as one, and what a line may hold, still said once, last.
    const more = inputError({ 'required-access': Array.from({ length: 101 }, (_, n) => `bogus ${n} line`).join('\n') }).split('\n')
    expect(more.slice(99)).toEqual([
      expect.stringMatching(/^Input 'required-access', line 100 /),
      "Input 'required-access': 1 more line like these, not shown (at most 100).",
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })

  it('takes links of any https host with a custom base-url', () => {
    const config = read({
      'base-url': 'https://feishu.example.com',
      'required-access': 'https://docs.example.com/docx/AbC\nhttps://acme.larksuite.com/base/B1'
    })
    expect(config.requiredAccess.map(({ host }) => host)).toEqual(['docs.example.com', 'acme.larksuite.com'])
  })

  it("refuses on-missing-access: warn without a resource in 'required-access' (blank and # lines name none)", () => {
    for (const access of ['', '\n  \n', '# oc_a0553eda9014c201e6969b478895c230 # set aside']) {
      expect(inputError({ 'on-missing-access': 'warn', 'required-access': access })).toBe(
        "Input 'on-missing-access' is 'warn', but 'required-access' names no resource, so there is nothing to check: list the resources the app must reach in 'required-access', or leave 'on-missing-access' at 'fail'."
      )
    }
    expect(read({ 'on-missing-access': 'fail' }).onMissingAccess).toBe('fail')
    expect(read({ 'on-missing-access': 'warn', 'required-access': 'base:AbC' }).onMissingAccess).toBe('warn')
    // Nothing more is said when required-access itself could not be read.
    expect(inputError({ 'on-missing-access': 'warn', 'required-access': 'bogus' })).not.toContain("'on-missing-access'")
  })

  it('says nothing more about them when required-scopes or they themselves could not be read', () => {
    expect(inputError({ 'on-unexpected-scopes': 'warn', 'required-scopes': 'bad' }).split('\n')).toHaveLength(1)
    expect(inputError({ 'on-unexpected-scopes': 'loud' }).split('\n')).toEqual([
      expect.stringMatching(/^Input 'on-unexpected-scopes' is "loud"/)
    ])
    expect(inputError({ 'request-approval': 'maybe' }).split('\n')).toEqual([expect.stringMatching(/^Input 'request-approval' is "maybe"/)])
  })

  it("refuses a link of the other region in 'required-access', quoting its line", () => {
    expect(inputError({ 'required-access': 'https://acme.larksuite.com/docx/D1 edit # Spec' })).toBe(
      "Input 'required-access', line 1 (\"https://acme.larksuite.com/docx/D1 edit # Spec\"): it is a Lark link, but 'region' is 'feishu' (Feishu): an app reaches only the resources of its own region; set `region: lark` if the app is a Lark app."
    )
    expect(read({ region: 'lark', 'required-access': 'https://acme.larksuite.com/docx/D1' }).requiredAccess).toHaveLength(1)
    expect(
      read({ 'base-url': 'https://feishu.example.com', 'required-access': 'https://docs.example.com/docx/D1' }).requiredAccess
    ).toHaveLength(1)
  })

  it("checks no link's region when 'region' or 'base-url' could not be read", () => {
    expect(inputError({ region: 'cn', 'required-access': 'https://acme.larksuite.com/docx/D1' }).split('\n')).toHaveLength(1)
    expect(inputError({ 'base-url': 'ftp://x', 'required-access': 'https://acme.larksuite.com/docx/D1' }).split('\n')).toHaveLength(1)
  })

  it('says what is wrong with required-access in its own words, a line for each bad entry', () => {
    const lines = inputError({ 'required-access': 'hello\nbase:B1\nworld' }).split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^Input 'required-access', line 1 \("hello"\): this is neither a link/),
      expect.stringMatching(/^Input 'required-access', line 3 \("world"\): this is neither a link/),
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })
})

describe('readInputs: what an error knows', () => {
  const known = (inputs: Record<string, string>) => {
    try {
      read(inputs)
    } catch (error) {
      return (error as InputError).known
    }
    throw new Error('expected an InputError')
  }

  it('keeps the endpoint and the App ID that could be read, for the job summary', () => {
    expect(known({ 'max-attempts': '0', region: 'lark' })).toEqual({
      endpoint: { baseUrl: 'https://open.larksuite.com', region: 'lark' },
      appId: APP_ID
    })
  })

  it('leaves out what could not be read', () => {
    expect(known({ 'app-id': '', region: 'cn' })).toStrictEqual({})
    expect(known({ 'base-url': 'ftp://x' })).toStrictEqual({ appId: APP_ID })
  })
})

describe('readInputs: the words for an empty credential', () => {
  it('blames forks and Dependabot first on a runner, for the secret and the variable', () => {
    expect(inputError({ 'app-secret': '' })).toBe(
      "Input 'app-secret' is empty: pass the App Secret from a secret, e.g. `app-secret: ${{ secrets.FEISHU_APP_SECRET }}`. Secrets are not passed to workflows triggered from forks or by Dependabot, which is the usual cause of an empty value; otherwise check that the secret in `${{ secrets.NAME }}` exists in this repository, its environment or its organisation, under exactly that name."
    )
    expect(inputError({ 'app-id': '' })).toBe(
      "Input 'app-id' is empty: set it to the App ID of your Feishu/Lark custom app (cli_...), e.g. `app-id: ${{ vars.FEISHU_APP_ID }}`. Check that the variable in `${{ vars.NAME }}` (or the secret, if you keep the App ID in one) exists in this repository, its environment or its organisation, under exactly that name; secrets are not passed to workflows triggered from forks or by Dependabot."
    )
  })

  it('says where inputs come from outside GitHub Actions', () => {
    const { src } = source({ 'app-id': APP_ID })
    expect(() => readInputs({ ...src, onRunner: false })).toThrow(
      /^Input 'app-secret' is empty: .*`\. Outside GitHub Actions, inputs come from the environment: set it as INPUT_<NAME> \(npm run local-action reads them from \.env\)\.$/
    )
  })

  it('does not mask an empty secret', () => {
    const { src, calls } = source({ 'app-id': APP_ID })
    expect(() => readInputs(src)).toThrow(InputError)
    expect(calls.filter(call => call.startsWith('mask'))).toEqual([])
  })
})

describe("readInputs: Feishu's own spelling, app_id", () => {
  it('names the hyphenated input to use instead, and does not blame forks for the empty one', () => {
    const { src, calls } = source({ app_id: APP_ID, app_secret: SECRET, 'max-attempts': '3' })
    let message = ''
    try {
      readInputs(src)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message.split('\n')).toEqual([
      "You passed 'app_id'; this action's input is 'app-id', with a hyphen: rename it under the step's 'with:'.",
      "You passed 'app_secret'; this action's input is 'app-secret', with a hyphen: rename it under the step's 'with:'."
    ])
    // The secret given as 'app_secret' is still the secret: masked first, before a word is said.
    expect(calls.find(call => call.startsWith('mask'))).toBe(`mask ${SECRET}`)
  })

  it('checks only the inputs that have a hyphen', () => {
    const { src, calls } = source({ 'app-id': APP_ID, 'app-secret': SECRET, 'required-access': 'oc_a0553eda9014c201e6969b478895c230' })
    readInputs(src)
    expect(calls).toContain('get max_attempts')
    expect(calls).not.toContain('get region_')
    // Read for its own value, and for the region the links of 'required-access' must fit: never as 'region' twice over.
    expect(calls.filter(call => call === 'get region')).toHaveLength(2)
  })
})

describe("readInputs: 'on-nothing-to-check'", () => {
  const NOTHING =
    "'required-scopes', 'required-calls' and 'required-access' name nothing (blank lines and lines that start with '#' name none) " +
    "and 'check-bot' is not 'true', so nothing but the token is checked"
  const LISTS = { 'required-scopes': '', 'required-calls': '\n  \n', 'required-access': '\t\r\n' }

  function reading(inputs: Record<string, string>) {
    const { src, warnings } = source({ 'app-id': APP_ID, 'app-secret': SECRET, ...inputs })
    return { warnings, read: () => readInputs(src) }
  }

  it("fails a step asked to check nothing, before any request, when it is 'fail'", () => {
    expect(inputError({ ...LISTS, 'on-nothing-to-check': 'fail' })).toBe(
      `Input 'on-nothing-to-check' is 'fail': ${NOTHING}: give at least one, or leave 'on-nothing-to-check' at 'ignore'.`
    )
  })

  it("counts a list of only '#' lines as naming nothing", () => {
    const { warnings, read } = reading({
      ...LISTS,
      'required-access': '# oc_a0553eda9014c201e6969b478895c230',
      'on-nothing-to-check': 'warn'
    })
    read()
    expect(warnings).toEqual([
      "Input 'required-access' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked.",
      `Input 'on-nothing-to-check' is 'warn': ${NOTHING}.`
    ])
  })

  it("warns, once, and reads the inputs when it is 'warn'", () => {
    const { warnings, read } = reading({ ...LISTS, 'on-nothing-to-check': 'warn' })
    expect(read().requiredScopes).toEqual([])
    expect(warnings).toEqual([`Input 'on-nothing-to-check' is 'warn': ${NOTHING}.`])
  })

  it("says nothing when it is 'ignore', as it is by default", () => {
    for (const inputs of [LISTS, { ...LISTS, 'on-nothing-to-check': 'ignore' }]) {
      const { warnings, read } = reading(inputs)
      expect(read().requiredScopes).toEqual([])
      expect(warnings).toEqual([])
    }
  })

  it.each([
    ['required-scopes', 'im:message'],
    ['required-calls', 'GET /open-apis/im/v1/chats'],
    ['required-access', 'oc_a0553eda9014c201e6969b478895c230'],
    ['check-bot', 'true']
  ])('is content with one thing to check: %s', (name, value) => {
    for (const on of ['fail', 'warn']) {
      const { warnings, read } = reading({ ...LISTS, [name]: value, 'on-nothing-to-check': on })
      expect(read).not.toThrow()
      expect(warnings).toEqual([])
    }
  })

  it.each([
    ['required-scopes', 'not a scope!', "Input 'required-scopes'"],
    ['required-calls', 'FETCH /open-apis/im/v1/chats', "Input 'required-calls'"],
    ['required-access', 'bogus', "Input 'required-access'"],
    ['check-bot', 'maybe', 'Input \'check-bot\' is "maybe"']
  ])('says only what is wrong with %s when it could not be read, not that nothing is checked', (name, value, said) => {
    for (const on of ['fail', 'warn']) {
      const { warnings, read } = reading({ ...LISTS, [name]: value, 'on-nothing-to-check': on })
      let message = ''
      try {
        read()
      } catch (error) {
        message = (error as Error).message
      }
      expect(message.split('\n').every(line => line.startsWith(said))).toBe(true)
      expect(message).not.toContain("'on-nothing-to-check'")
      expect(warnings).toEqual([])
    }
  })

  it('says only what is wrong with itself when it is none of its three choices', () => {
    expect(inputError({ ...LISTS, 'on-nothing-to-check': 'loud' }).split('\n')).toEqual([
      expect.stringMatching(/^Input 'on-nothing-to-check' is "loud"/)
    ])
  })
})

describe('readInputs: what is not an input problem', () => {
  it('throws an error that is not an input problem as it is (a bug is not blamed on the inputs)', () => {
    const bug = new TypeError('a bug')
    const { src } = source({ 'app-id': APP_ID, 'app-secret': SECRET, 'base-url': 'https://open.feishu.cn' })
    let asked = 0
    // 'region' is read first; its parser asks for 'base-url' (which takes its place when given): that ask fails.
    const failing: InputSource = {
      ...src,
      getInput: name => {
        if (name === 'base-url' && ++asked === 1) throw bug
        return src.getInput(name)
      }
    }
    let thrown: unknown
    try {
      readInputs(failing)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBe(bug)
  })

  it("quotes a list's line that hides something without the spaces around it", () => {
    expect(inputError({ 'required-access': 'base:AbC\n   docx:Ab\u200bC  ' })).toMatch(
      /^Input 'required-access', line 2 \("docx:Ab\\u200BC"\) contains an invisible or control character/
    )
  })
})
