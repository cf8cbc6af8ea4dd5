import { isScopeName } from '../../src/feishu/scopes.js'
import { parseScopeList } from '../../src/inputs/scopes.js'

describe('isScopeName', () => {
  it.each(['bitable:app', 'im:message:send_as_bot', 'contact:user.base:readonly', 'a:b:c:d', 'drive:drive-1'])('accepts %s', name => {
    expect(isScopeName(name)).toBe(true)
  })
  it.each(['bitable', 'a:b:c:d:e', 'Im:message', 'im::message', ':im', 'im:', 'im:mes sage', 'im:message?x', '中文:scope'])(
    'rejects %s',
    name => {
      expect(isScopeName(name)).toBe(false)
    }
  )
})

describe('isScopeName: length', () => {
  it('takes a name of up to 128 characters, and refuses one character more', () => {
    const name = (length: number) => `a:${'b'.repeat(length - 2)}`
    expect(isScopeName(name(128))).toBe(true)
    expect(isScopeName(name(129))).toBe(false)
    expect(parseScopeList(name(129)).invalid).toEqual([name(129)])
  })
})
