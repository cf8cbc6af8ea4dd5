import { editDistance } from '../../src/catalogue/distance.js'
import { loadCatalogue } from '../../src/catalogue/load.js'
import { matchCall } from '../../src/catalogue/match.js'
import { callsAllowedBy, coveringScope, covers, isKnownScope, narrowest, nearestScopes } from '../../src/catalogue/scopes.js'
import { newInEachTest, small } from './small.js'

// wide allows all three tenant calls, mid two, narrow one; user:only is listed on a user-only call alone.
const catalogue = newInEachTest(
  small(
    'GET /open-apis/demo/v1/a demo_a_get tenant wide,mid,narrow',
    'GET /open-apis/demo/v1/b demo_b_get tenant,user wide,mid,other:b',
    'GET /open-apis/demo/v1/c demo_c_get tenant wide,other:c',
    'GET /open-apis/demo/v1/d demo_d_get tenant twin:a,twin:b',
    'GET /open-apis/demo/v1/me demo_me_get user user:only'
  )
)

describe('callsAllowedBy', () => {
  it('gives the tenant calls that list the scope, in path order; none for a scope only a user-only call lists', () => {
    expect(callsAllowedBy(catalogue(), 'mid').map(call => call.operationId)).toEqual(['demo_a_get', 'demo_b_get'])
    expect(callsAllowedBy(catalogue(), 'user:only')).toEqual([])
    expect(callsAllowedBy(catalogue(), 'no:such')).toEqual([])
  })
})

describe('covers', () => {
  it('holds when every tenant call the second allows, the first allows too; not the other way round', () => {
    expect(covers(catalogue(), 'wide', 'narrow')).toBe(true)
    expect(covers(catalogue(), 'mid', 'narrow')).toBe(true)
    expect(covers(catalogue(), 'narrow', 'mid')).toBe(false)
    expect(covers(catalogue(), 'other:b', 'mid')).toBe(false)
    // As many calls is not the same calls.
    expect(covers(catalogue(), 'twin:a', 'narrow')).toBe(false)
    expect(covers(catalogue(), 'wide', 'twin:a')).toBe(false)
    expect(covers(catalogue(), 'no:such', 'mid')).toBe(false)
  })

  it('holds for a scope and itself, and both ways for two scopes that allow the same calls', () => {
    expect(covers(catalogue(), 'mid', 'mid')).toBe(true)
    expect([covers(catalogue(), 'twin:a', 'twin:b'), covers(catalogue(), 'twin:b', 'twin:a')]).toEqual([true, true])
  })

  it('is undefined for a scope that allows no tenant call, which any scope would otherwise cover', () => {
    expect(covers(catalogue(), 'wide', 'user:only')).toBeUndefined()
    expect(covers(catalogue(), 'wide', 'no:such')).toBeUndefined()
  })
})

describe('narrowest', () => {
  it('gives the scope that allows the fewest tenant calls', () => {
    expect(narrowest(catalogue(), ['wide', 'mid', 'narrow'])).toBe('narrow')
    expect(narrowest(catalogue(), ['wide', 'mid'])).toBe('mid')
    expect(narrowest(catalogue(), ['narrow', 'mid', 'wide'])).toBe('narrow')
    expect(narrowest(catalogue(), ['mid', 'wide'])).toBe('mid')
  })

  it('breaks ties by name, whatever the order given', () => {
    expect(narrowest(catalogue(), ['twin:b', 'twin:a'])).toBe('twin:a')
    expect(narrowest(catalogue(), ['other:c', 'other:b'])).toBe('other:b')
    expect(narrowest(catalogue(), ['twin:a', 'twin:b'])).toBe('twin:a')
    expect(narrowest(catalogue(), ['other:b', 'other:c'])).toBe('other:b')
  })

  it('skips the excluded scopes and those that allow no tenant call; undefined when none is left', () => {
    expect(narrowest(catalogue(), ['wide', 'mid', 'narrow'], ['narrow'])).toBe('mid')
    expect(narrowest(catalogue(), ['user:only', 'no:such', 'wide'])).toBe('wide')
    expect(narrowest(catalogue(), ['narrow'], ['narrow'])).toBeUndefined()
    expect(narrowest(catalogue(), [])).toBeUndefined()
  })
})

describe('coveringScope', () => {
  it('gives the required scope itself when held', () => {
    expect(coveringScope(catalogue(), 'narrow', ['wide', 'narrow', 'mid'])).toBe('narrow')
    // Even when a scope held that allows the same calls comes first by name.
    expect(coveringScope(catalogue(), 'twin:b', ['twin:a', 'twin:b'])).toBe('twin:b')
  })

  it('else the narrowest held scope that covers it', () => {
    expect(coveringScope(catalogue(), 'narrow', ['wide', 'mid'])).toBe('mid')
    expect(coveringScope(catalogue(), 'narrow', ['wide', 'other:b'])).toBe('wide')
    expect(coveringScope(catalogue(), 'twin:a', new Set(['twin:b']))).toBe('twin:b')
  })

  it('is undefined when no held scope covers it, or it allows no tenant call', () => {
    expect(coveringScope(catalogue(), 'mid', ['narrow', 'other:b'])).toBeUndefined()
    expect(coveringScope(catalogue(), 'user:only', ['user:only', 'wide'])).toBeUndefined()
  })
})

describe('isKnownScope and nearestScopes', () => {
  it('knows every name the source mentions, those of user-only calls too', () => {
    expect([isKnownScope(catalogue(), 'user:only'), isKnownScope(catalogue(), 'wide'), isKnownScope(catalogue(), 'wides')]).toEqual([
      true,
      true,
      false
    ])
  })

  it('gives up to 3 known names near a typo, nearest first, then by name; none when nothing is near', () => {
    expect(nearestScopes(catalogue(), 'twin:c')).toEqual(['twin:a', 'twin:b'])
    expect(nearestScopes(catalogue(), 'other:bb')).toEqual(['other:b', 'other:c'])
    expect(nearestScopes(catalogue(), 'Narow')).toEqual(['narrow'])
    expect(nearestScopes(catalogue(), 'calendar:calendar')).toEqual([])
  })
})

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, and stops past the limit', () => {
    expect([editDistance('im:message', 'im:messages'), editDistance('kitten', 'sitting'), editDistance('', 'abc')]).toEqual([1, 3, 3])
    expect([editDistance('kitten', 'sitting', 1), editDistance('a', 'abcdef', 2)]).toEqual([2, 3])
  })
})

describe('the scopes of the committed catalogue', () => {
  const real = newInEachTest(loadCatalogue())
  const scopesOf = (line: string) => {
    const match = matchCall(real(), line)
    if (match.kind !== 'call') throw new Error(`${line}: ${match.kind}`)
    return match.call.scopes
  }

  it.each([
    ['docx:document', 'docx:document:create'],
    ['bitable:app', 'base:record:create'],
    ['im:message', 'im:message:send_as_bot']
  ])('%s covers %s, and not the other way round', (x, y) => {
    expect([covers(real(), x, y), covers(real(), y, x)]).toEqual([true, false])
  })

  it.each([
    ['POST /open-apis/im/v1/messages', 'im:message:send', 'im:message:send_as_bot'],
    ['POST /open-apis/im/v1/images', 'im:resource', 'im:resource:upload'],
    ['POST /open-apis/docx/v1/documents', 'docx:document:create', 'docx:document'],
    ['GET /open-apis/sheets/v3/spreadsheets/{spreadsheet_token}', 'sheets:spreadsheet.meta:read', 'sheets:spreadsheet:readonly']
  ])('the narrowest scope of %s is %s, and %s without it', (line, first, second) => {
    expect(narrowest(real(), scopesOf(line))).toBe(first)
    expect(narrowest(real(), scopesOf(line), [first])).toBe(second)
  })

  it('finds the real name of a typo', () => {
    expect(nearestScopes(real(), 'im:messages')[0]).toBe('im:message')
    expect(nearestScopes(real(), 'bitable:apps')[0]).toBe('bitable:app')
  })

  it('finds a held scope that covers a required one', () => {
    expect(coveringScope(real(), 'im:message:send_as_bot', ['drive:drive', 'im:message'])).toBe('im:message')
    expect(coveringScope(real(), 'docx:document:create', ['docx:document', 'drive:drive'])).toBe('docx:document')
  })
})
