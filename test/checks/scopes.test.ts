import { checkScopes } from '../../src/checks/scopes.js'
import type { ListedScope } from '../../src/feishu/scopes.js'
import { parseRequiredCalls } from '../../src/inputs/calls.js'
import { SOURCE, newInEachTest, small } from '../catalogue/small.js'

describe('checkScopes', () => {
  const reported = [
    { name: 'im:message', grantStatus: 1 },
    { name: 'bitable:app', grantStatus: 2 },
    { name: 'drive:drive', grantStatus: 0 },
    { name: 'calendar:calendar', grantStatus: 1 },
    { name: 'bitable:app', grantStatus: 2 }
  ]

  it("lists what the token carries and what awaits approval for the app identity, sorted: the checks' scope lists", () => {
    const check = checkScopes(
      [],
      [
        { name: 'wiki:wiki', grantStatus: 2 },
        { name: 'im:message', grantStatus: 1 },
        { name: 'docx:document', grantStatus: 0 },
        { name: 'bitable:app', grantStatus: 1, identity: 'tenant' },
        { name: 'calendar:calendar', grantStatus: 2, identity: 'user' }
      ]
    )
    expect(check.granted).toEqual(['bitable:app', 'im:message'])
    expect(check.awaiting).toEqual(['docx:document', 'wiki:wiki'])
  })

  it('tells granted, awaiting approval and not configured apart: the missing ones first, each part sorted', () => {
    const check = checkScopes(['im:message', 'drive:drive', 'docx:document', 'bitable:app'], reported)
    expect(check.statuses).toEqual([
      { scope: 'bitable:app', status: 'awaiting-approval' },
      { scope: 'docx:document', status: 'not-configured' },
      { scope: 'drive:drive', status: 'awaiting-approval' },
      { scope: 'im:message', status: 'granted' }
    ])
    expect(check.missing).toEqual(['bitable:app', 'docx:document', 'drive:drive'])
  })

  it('lists every granted scope of the app, sorted and unique', () => {
    expect(checkScopes(['im:message'], [...reported, { name: 'im:message', grantStatus: 1 }]).granted).toEqual([
      'calendar:calendar',
      'im:message'
    ])
  })

  it('has nothing missing when all are granted', () => {
    expect(checkScopes(['calendar:calendar', 'im:message'], reported).missing).toEqual([])
  })
})

describe('checkScopes: identities', () => {
  const tenant = (name: string, grantStatus: number) => ({ name, grantStatus, identity: 'tenant' })
  const user = (name: string, grantStatus: number) => ({ name, grantStatus, identity: 'user' })

  it.each([
    ['user only', [user('im:message', 1)], 'user-only'],
    ['user granted, tenant awaiting', [user('im:message', 1), tenant('im:message', 2)], 'awaiting-approval'],
    ['tenant awaiting, user granted', [tenant('im:message', 2), user('im:message', 1)], 'awaiting-approval'],
    ['tenant granted, user refused', [tenant('im:message', 1), user('im:message', 2)], 'granted'],
    ['user refused, tenant granted', [user('im:message', 2), tenant('im:message', 1)], 'granted'],
    ['no scope_type', [{ name: 'im:message', grantStatus: 1 }], 'granted'],
    ['an identity neither tenant nor user', [{ name: 'im:message', grantStatus: 1, identity: 'robot' }], 'unknown-type'],
    ['Tenant, in another case', [{ name: 'im:message', grantStatus: 1, identity: 'Tenant' }], 'granted'],
    ['TENANT', [{ name: 'im:message', grantStatus: 1, identity: 'TENANT' }], 'granted'],
    ['USER', [{ name: 'im:message', grantStatus: 1, identity: 'USER' }], 'user-only'],
    ['an empty scope_type', [{ name: 'im:message', grantStatus: 1, identity: '' }], 'unknown-type'],
    ['app', [{ name: 'im:message', grantStatus: 1, identity: 'app' }], 'unknown-type']
  ])('%s: %s', (_what, listed, status) => {
    const check = checkScopes(['im:message'], listed)
    expect(check.statuses).toEqual([{ scope: 'im:message', status }])
    expect(check.granted).toEqual(status === 'granted' ? ['im:message'] : [])
    expect(check.missing).toEqual(status === 'granted' ? [] : ['im:message'])
  })

  it('counts scopes of an unknown type in the audit (fail closed), and names each unknown type once, as sent', () => {
    const check = checkScopes(
      ['im:message'],
      [
        tenant('im:message', 1),
        { name: 'drive:drive', grantStatus: 1, identity: 'app' },
        { name: 'docx:document', grantStatus: 2, identity: 'app' }
      ]
    )
    expect(check.unexpected).toEqual([
      { scope: 'docx:document', status: 'awaiting-approval' },
      { scope: 'drive:drive', status: 'granted' }
    ])
    expect(check.unknownTypes).toEqual(['app'])
    expect(check.granted).toEqual(['im:message'])
  })

  it('leaves scopes of the user identity out of the audit', () => {
    const check = checkScopes(['im:message'], [tenant('im:message', 1), user('drive:drive', 1), tenant('docx:document', 2)])
    expect(check.unexpected).toEqual([{ scope: 'docx:document', status: 'awaiting-approval' }])
  })
})

describe('checkScopes: order and the audit', () => {
  it('sorts missing-scopes, granted-scopes and unexpected-scopes, whatever the order given or listed', () => {
    const check = checkScopes(
      ['z:z', 'a:a', 'm:m', 'b:b'],
      [
        { name: 'y:y', grantStatus: 1 },
        { name: 'm:m', grantStatus: 1 },
        { name: 'c:c', grantStatus: 2 },
        { name: 'b:b', grantStatus: 1 }
      ]
    )
    expect(check.missing).toEqual(['a:a', 'z:z'])
    expect(check.granted).toEqual(['b:b', 'm:m', 'y:y'])
    expect(check.unexpected.map(({ scope }) => scope)).toEqual(['c:c', 'y:y'])
    expect(check.statuses.map(({ scope }) => scope)).toEqual(['a:a', 'z:z', 'b:b', 'm:m'])
  })

  it('checks a scope required twice once', () => {
    expect(checkScopes(['a:a', 'a:a'], []).statuses).toEqual([{ scope: 'a:a', status: 'not-configured' }])
  })

  it('takes any grant status but 1 as not granted', () => {
    expect(checkScopes(['a:a'], [{ name: 'a:a', grantStatus: 0 }]).statuses).toEqual([{ scope: 'a:a', status: 'awaiting-approval' }])
  })

  it('leaves out, and lists as ignored, names the server sent that are not scope names', () => {
    const check = checkScopes(
      ['a:a'],
      [
        { name: 'a:a', grantStatus: 1 },
        { name: '$(id)', grantStatus: 1 },
        { name: 'b:b\n::warning::x', grantStatus: 2, identity: 'robot' }
      ]
    )
    expect(check.ignored).toEqual(['$(id)', 'b:b\n::warning::x'])
    expect(check.granted).toEqual(['a:a'])
    expect(check.unexpected).toEqual([])
    expect(check.unknownTypes).toEqual([])
  })

  it('counts a scope of an unknown type as granted in the audit when any of its entries is granted', () => {
    const robot = (grantStatus: number) => ({ name: 'd:d', grantStatus, identity: 'robot' })
    expect(checkScopes(['a:a'], [robot(1), robot(2)]).unexpected).toEqual([{ scope: 'd:d', status: 'granted' }])
    expect(checkScopes(['a:a'], [robot(2), robot(1)]).unexpected).toEqual([{ scope: 'd:d', status: 'granted' }])
    expect(checkScopes(['a:a'], [robot(2), robot(2)]).unexpected).toEqual([{ scope: 'd:d', status: 'awaiting-approval' }])
  })

  it('counts a scope as granted in the audit when either its tenant entry or an entry of an unknown type is', () => {
    const listed = (tenant: number, robot: number) => [
      { name: 'd:d', grantStatus: robot, identity: 'robot' },
      { name: 'd:d', grantStatus: tenant, identity: 'tenant' }
    ]
    expect(checkScopes(['a:a'], listed(2, 1)).unexpected).toEqual([{ scope: 'd:d', status: 'granted' }])
    expect(checkScopes(['a:a'], listed(1, 2)).unexpected).toEqual([{ scope: 'd:d', status: 'granted' }])
    expect(checkScopes(['a:a'], listed(2, 2)).unexpected).toEqual([{ scope: 'd:d', status: 'awaiting-approval' }])
  })

  it('names each unknown type once, in the case it was sent', () => {
    const check = checkScopes(
      ['a:a'],
      [
        { name: 'b:b', grantStatus: 1, identity: 'Robot' },
        { name: 'c:c', grantStatus: 1, identity: 'Robot' },
        { name: 'd:d', grantStatus: 1, identity: 'app' }
      ]
    )
    expect(check.unknownTypes).toEqual(['Robot', 'app'])
  })

  it('does not count a required scope in the audit', () => {
    const check = checkScopes(
      ['a:a', 'b:b'],
      [
        { name: 'a:a', grantStatus: 1 },
        { name: 'b:b', grantStatus: 2, identity: 'robot' }
      ]
    )
    expect(check.unexpected).toEqual([])
  })
})

describe('checkScopes: the grant link, the calls and the catalogue', () => {
  // a:wide allows every call a:x allows (and more): it covers a:x.
  const catalogue = newInEachTest(
    small(
      'GET /open-apis/a/v1/x a_x_get tenant a:wide,a:x',
      'GET /open-apis/a/v1/y a_y_get tenant a:wide,a:y',
      'GET /open-apis/b/v1/b b_b_get tenant b:b',
      'GET /open-apis/c/v1/c c_c_get tenant c:c',
      'GET /open-apis/z/v1/z z_z_get tenant z:z'
    )
  )
  const granted = (name: string): ListedScope => ({ name, grantStatus: 1 })
  const awaiting = (name: string): ListedScope => ({ name, grantStatus: 2 })

  /** The required calls of an input, read against the catalogue. */
  function calls(lines: string) {
    const { calls, problems } = parseRequiredCalls(lines, catalogue())
    expect(problems).toEqual([])
    return calls
  }

  /** The catalogue, counting its reads. */
  function counted() {
    const read = { count: 0 }
    const counting = () => {
      read.count++
      return catalogue()
    }
    return { read, catalogue: counting }
  }

  it('holds a scope covered by a broader one: listed after the missing ones, neither missing nor asked for', () => {
    const check = checkScopes(['a:x', 'z:z'], [granted('a:wide')], { catalogue })
    expect(check.statuses).toEqual([
      { scope: 'z:z', status: 'not-configured' },
      { scope: 'a:x', status: 'covered', by: 'a:wide' }
    ])
    expect(check.missing).toEqual(['z:z'])
    expect(check.toGrant).toEqual(['z:z'])
  })

  it('asks once, sorted, for each scope missing and each scope of a missing call: the replacement of a retired one, nothing held or unknown', () => {
    const check = checkScopes(
      ['a:x', 'h:h', 'approval:task:read', 'im:messages', 'z:z', 'c:c'],
      [granted('a:wide'), granted('h:h'), awaiting('c:c')],
      { calls: calls('GET /open-apis/c/v1/c\nGET /open-apis/b/v1/b'), catalogue }
    )
    expect(check.statuses.map(({ scope, status }) => [scope, status])).toEqual([
      ['approval:task:read', 'retired'],
      ['c:c', 'awaiting-approval'],
      ['im:messages', 'unknown'],
      ['z:z', 'not-configured'],
      ['a:x', 'covered'],
      ['h:h', 'granted']
    ])
    expect(check.missingCalls).toEqual(['GET /open-apis/b/v1/b', 'GET /open-apis/c/v1/c'])
    expect(check.toGrant).toEqual(['approval:task', 'b:b', 'c:c', 'z:z'])
  })

  it('checks calls only when there are some, and a catalogue to read them against', () => {
    const none = counted()
    const check = checkScopes(['a:x'], [granted('a:x')], { calls: [], catalogue: none.catalogue })
    expect(check.calls).toEqual([])
    expect(none.read.count).toBe(0)
    const [call] = calls('GET /open-apis/b/v1/b')
    const unread = checkScopes([], [], { calls: [call!] })
    expect(unread.calls).toEqual([])
    expect(unread.missingCalls).toEqual([])
  })

  it('gives the date of the catalogue when it was read, and none when it was not', () => {
    const { read, catalogue } = counted()
    expect(checkScopes(['z:z'], [], { catalogue }).catalogueDate).toBe(SOURCE.date)
    expect(read.count).toBe(1)
    expect(checkScopes(['z:z'], [granted('z:z')], { catalogue })).not.toHaveProperty('catalogueDate')
    expect(read.count).toBe(1)
    expect(checkScopes(['z:z'], [])).not.toHaveProperty('catalogueDate')
  })

  it('names as narrower the scope a call holds, not a call that holds none, for a broader scope configured', () => {
    // GET x holds nothing (a:wide awaits approval); GET y holds a:y, which allows it as a:wide would.
    const check = checkScopes([], [awaiting('a:wide'), granted('a:y')], {
      calls: calls('GET /open-apis/a/v1/x\nGET /open-apis/a/v1/y'),
      catalogue
    })
    expect(check.calls.map(({ status, held }) => [status, held])).toEqual([
      ['awaiting-approval', undefined],
      ['allowed', 'a:y']
    ])
    expect(check.unexpected).toEqual([{ scope: 'a:wide', status: 'awaiting-approval', narrower: 'a:y' }])
  })
})
