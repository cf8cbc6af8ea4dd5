import { createRedactor } from '../../src/output/redact.js'

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
})
