import { TEST_APP } from '../../harness/sandbox.js'
import { parseBaseUrl, withoutCredentials } from '../../src/inputs/base-url.js'
import { InputError } from '../../src/inputs/error.js'
import { run } from '../../src/main.js'
import { testDeps } from '../support/deps.js'
import { fakeCore } from '../support/fake-core.js'

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

describe('parseBaseUrl: plain http:// is for loopback hosts only', () => {
  it.each(['http://127.0.0.10', 'http://127.255.255.255:8080', 'http://127.1', 'http://[0:0:0:0:0:0:0:1]', 'http://LOCALHOST:3000'])(
    'accepts %s',
    value => {
      expect(parseBaseUrl(value)).toMatch(/^http:\/\/(127\.|\[::1\]|localhost)/)
    }
  )

  it.each([
    'http://notlocalhost',
    'http://localhost.example.com',
    'http://mylocalhost:3000',
    'http://127.0.0.1.example.com',
    'http://x127.0.0.1.example.com',
    'http://128.0.0.1',
    'http://[::2]',
    'http://[::ffff:7f00:1]'
  ])('refuses %s: the secret would cross the network in clear', value => {
    expect(() => parseBaseUrl(value)).toThrow(/uses plain http:\/\/, which is accepted only for loopback hosts/)
  })
})

describe('parseBaseUrl: credentials are refused and never echoed', () => {
  it.each([
    ['a user name and a password', 'https://alice:hunter2@open.feishu.cn', ['alice', 'hunter2']],
    ['a user name and no password', 'https://alice@open.feishu.cn', ['alice']],
    ['a password and no user name', 'https://:hunter2@open.feishu.cn', ['hunter2']],
    ['credentials with spaces', 'https://al ice:hun ter2@open.feishu.cn', ['al ice', 'hun ter2', 'ice', 'ter2']],
    ['credentials on plain http', 'http://alice:hunter2@open.feishu.cn', ['alice', 'hunter2']]
  ])('%s', (_what, value, secrets) => {
    let message = ''
    try {
      parseBaseUrl(value)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^Input 'base-url' \("https?:\/\/\*\*\*@open\.feishu\.cn"\) /)
    for (const secret of secrets) expect(message).not.toContain(secret)
  })

  it.each([
    ['https://alice:hunter2@open.feishu.cn', 'https://***@open.feishu.cn'],
    ['HTTPS://alice:hunter2@open.feishu.cn', 'HTTPS://***@open.feishu.cn'],
    ['https:alice:hunter2@open.feishu.cn', 'https:***@open.feishu.cn'],
    ['https:/alice:hunter2@open.feishu.cn', 'https:/***@open.feishu.cn'],
    ['https:\\\\alice:hunter2@open.feishu.cn', 'https:\\\\***@open.feishu.cn'],
    ['alice:hunter2@open.feishu.cn', '***@open.feishu.cn'],
    ['https://a@b:c d@open.feishu.cn', 'https://***@open.feishu.cn'],
    ['https://a:b\n@open.feishu.cn', 'https://***@open.feishu.cn'],
    ['https://open.feishu.cn', 'https://open.feishu.cn']
  ])('withoutCredentials(%j) is %j', (value, expected) => {
    expect(withoutCredentials(value)).toBe(expected)
  })

  it('does not echo the credentials of a URL that does not parse', () => {
    expect(() => parseBaseUrl('https://alice:hunter2@open feishu.cn')).toThrow(
      "Input 'base-url' (\"https://***@open feishu.cn\") is not an absolute URL. Example: 'https://open.feishu.cn'."
    )
  })
})

describe('parseBaseUrl: a port out of range is named', () => {
  it.each([
    ['https://open.feishu.cn:65536', 'has the port 65536, out of range (1-65535)'],
    ['https://open.feishu.cn:99999/', 'has the port 99999, out of range (1-65535)'],
    ['HTTPS://a.example:123456?x', 'has the port 123456, out of range (1-65535)'],
    ['https://open.feishu.cn:99999x', 'is not an absolute URL'],
    ['https://open.feishu.cn:port', 'is not an absolute URL'],
    ['https://open feishu.cn/a:99999', 'is not an absolute URL'],
    // A port in range says nothing of why the URL is bad.
    ['https://open feishu.cn:443', 'is not an absolute URL'],
    ['https://open feishu.cn:65535', 'is not an absolute URL']
  ])('%s %s', (value, why) => {
    expect(() => parseBaseUrl(value)).toThrow(`Input 'base-url' (${JSON.stringify(value)}) ${why}. Example: 'https://open.feishu.cn'.`)
  })
})

describe('parseBaseUrl: only an origin', () => {
  it.each([
    ['https://open.feishu.cn#', /must not have a fragment/],
    ['https://open.feishu.cn/#', /must not have a fragment/],
    ['https://open.feishu.cn?#', /must not have a query string/],
    ['https://open.feishu.cn/app', /must have no path: give only the scheme and host \(and port\)/],
    ['wss://open.feishu.cn', /must start with https:\/\//],
    ['user:pw@open.feishu.cn', /must start with https:\/\//]
  ])('refuses %s', (value, expected) => {
    expect(() => parseBaseUrl(value)).toThrow(expected)
  })

  it('is undefined when not given', () => {
    expect(parseBaseUrl('')).toBeUndefined()
  })
})

describe('parseBaseUrl: credentials are never echoed by a run either', () => {
  it.each([
    'https://user:pa55word@host.example/path',
    'https:user:pa55word@host.example/path',
    'https:/user:pa55word@host.example/path',
    'https:\\\\user:pa55word@host.example/path',
    'https:\\user:pa55word@host.example',
    'ftp://user:pa55word@host.example',
    'user:pa55word@host.example'
  ])('%s: an input error, and nothing the run prints holds them', async value => {
    const core = fakeCore({ 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'max-attempts': '1', 'base-url': value })
    await run(testDeps(core))
    expect(core.failed).toMatch(/^Input 'base-url'/)
    expect(core.printed).not.toMatch(/pa55word|user/)
  })
})
