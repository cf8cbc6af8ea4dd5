import { decodeCatalogue, encodeCatalogue } from '../../src/catalogue/catalogue.js'
import { SOURCE, small } from './small.js'

const catalogue = small(
  'GET /open-apis/demo/v1/a demo_a_get tenant,user demo:a,demo:b',
  'GET /open-apis/demo/v1/b demo_b_get tenant -',
  'GET /open-apis/demo/v1/me demo_me_get user demo:me',
  'POST /open-apis/auth/v3/token auth_token - -'
)

describe('catalogue.json', () => {
  it('decodes to the catalogue it was encoded from', () => {
    expect(decodeCatalogue(encodeCatalogue(catalogue))).toEqual(catalogue)
  })

  it('holds one string per call, scopes as indices into the sorted names, as Biome lays JSON out: short arrays on one line', () => {
    const text = encodeCatalogue(catalogue)
    expect(text).toContain('  "scopes": ["demo:a", "demo:b", "demo:me"],\n')
    expect(text).toContain('  "tenant": ["GET /open-apis/demo/v1/a demo_a_get 0,1", "GET /open-apis/demo/v1/b demo_b_get -"],\n')
    expect(text).toContain('  "other": ["POST /open-apis/auth/v3/token auth_token -", "GET /open-apis/demo/v1/me demo_me_get user"]\n}\n')
    expect(text).toContain(`  "source": {\n    "repository": "${SOURCE.repository}",\n    "commit": "c0ffee",\n`)
  })

  it('fits a line of exactly 140 columns, its comma included; one more column breaks it', () => {
    const withPath = (letters: number) => encodeCatalogue(small(`GET /open-apis/demo/v1/${'p'.repeat(letters)} demo_p_get tenant demo:p`))
    const tenantLine = (text: string) => text.split('\n').find(line => line.startsWith('  "tenant"'))!
    expect(tenantLine(withPath(87))).toMatch(/^ {2}"tenant": \["GET \/open-apis\/demo\/v1\/p+ demo_p_get 0"\],$/)
    expect(tenantLine(withPath(87))).toHaveLength(140)
    expect(tenantLine(withPath(88))).toBe('  "tenant": [')
    // The last entry has no comma: 140 columns without one.
    const withOther = (letters: number) => encodeCatalogue(small(`GET /open-apis/demo/v1/${'p'.repeat(letters)} demo_p_get user -`))
    const otherLine = (text: string) => text.split('\n').find(line => line.startsWith('  "other"'))!
    expect(otherLine(withOther(86))).toMatch(/^ {2}"other": \["GET \/open-apis\/demo\/v1\/p+ demo_p_get user"\]$/)
    expect(otherLine(withOther(86))).toHaveLength(140)
    expect(otherLine(withOther(87))).toBe('  "other": [')
  })

  it('ends the last entry without a comma, and the one before it with one, however long', () => {
    const text = encodeCatalogue(small('GET /open-apis/demo/v1/a demo_a_get tenant demo:a'))
    expect(text).toMatch(/\],\n {2}"other": \[\]\n\}\n$/)
  })

  it('puts one item a line in an array too long for one line of 140 columns', () => {
    const many = small(...Array.from({ length: 9 }, (_, i) => `GET /open-apis/demo/v1/n${i} demo_n${i}_get tenant demo:n${i}`))
    expect(encodeCatalogue(many)).toContain(
      '  "tenant": [\n    "GET /open-apis/demo/v1/n0 demo_n0_get 0",\n    "GET /open-apis/demo/v1/n1 demo_n1_get 1",\n'
    )
  })

  const file = JSON.parse(encodeCatalogue(catalogue))
  const broken = (change: (copy: typeof file) => void) => {
    const copy = structuredClone(file)
    change(copy)
    return JSON.stringify(copy)
  }
  it.each([
    ['a file without calls', broken(copy => delete copy.tenant), /not a catalogue/],
    ['a call with a field missing', broken(copy => (copy.tenant[0] = 'GET /open-apis/demo/v1/a demo_a_get')), /tenant\[0\] is not/],
    ['an unknown method', broken(copy => (copy.tenant[1] = 'FETCH /open-apis/demo/v1/b demo_b_get -')), /tenant\[1\] is not/],
    [
      'a scope index out of range',
      broken(copy => (copy.tenant[0] = 'GET /open-apis/demo/v1/a demo_a_get 0,7')),
      /tenant\[0\] names a scope/
    ],
    ['a file without a source', broken(copy => delete copy.source), /not a catalogue/],
    ['a file without scopes', broken(copy => (copy.scopes = 'demo:a')), /not a catalogue/],
    ['a file without the other calls', broken(copy => delete copy.other), /not a catalogue/],
    [
      'a call that is not a string',
      broken(copy => (copy.tenant[0] = ['GET', '/open-apis/demo/v1/a', 'demo_a_get', '0'])),
      /tenant\[0\] is not/
    ],
    ['a path outside /open-apis/', broken(copy => (copy.tenant[0] = 'GET /apis/demo/v1/a demo_a_get 0')), /tenant\[0\] is not/],
    ['a call with no operationId', broken(copy => (copy.tenant[0] = 'GET /open-apis/demo/v1/a  0')), /tenant\[0\] is not/],
    [
      'another call with a field missing',
      broken(copy => (copy.other[0] = 'POST /open-apis/auth/v3/token auth_token')),
      /other\[0\] is not/
    ],
    [
      'a tenant token among the others',
      broken(copy => (copy.other[1] = 'GET /open-apis/demo/v1/me demo_me_get tenant')),
      /other\[1\] has a token type/
    ]
  ])('refuses %s', (_, text, error) => {
    expect(() => decodeCatalogue(text)).toThrow(error)
  })
})
