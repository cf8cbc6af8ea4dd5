// 'required-scopes' (src/inputs/scopes.ts): scope names, however they are separated, each once; what cannot be one.
import { parseScopeList } from '../../src/inputs/scopes.js'

describe('parseScopeList', () => {
  it.each([
    ['', []],
    ['im:message', ['im:message']],
    ['im:message, bitable:app', ['im:message', 'bitable:app']],
    ['im:message,bitable:app,,', ['im:message', 'bitable:app']],
    ['  im:message   bitable:app  ', ['im:message', 'bitable:app']],
    ['im:message\nbitable:app\n\n  docx:document\n', ['im:message', 'bitable:app', 'docx:document']],
    ['im:message\r\n- ', undefined],
    ['im:message, im:message\nim:message', ['im:message']]
  ])('%j gives %j', (raw, expected) => {
    const parsed = parseScopeList(raw)
    if (expected) {
      expect(parsed).toEqual({ scopes: expected, invalid: [] })
    } else {
      expect(parsed.invalid).toEqual(['-'])
    }
  })

  it('reports every entry that cannot be a scope name, once', () => {
    expect(parseScopeList('im:message IM:Message bitable im:message;x bitable').invalid).toEqual(['IM:Message', 'bitable', 'im:message;x'])
  })
})
