// 'required-scopes' (src/inputs/scopes.ts): scope names, however they are separated, each once; what cannot be one.
import { TEST_APP, startSandbox } from '../../harness/sandbox.js'
import { parseRequiredScopes, parseScopeList } from '../../src/inputs/scopes.js'
import { run } from '../../src/main.js'
import { testDeps } from '../support/deps.js'
import { fakeCore } from '../support/fake-core.js'

describe('parseScopeList', () => {
  it.each([
    ['', []],
    ['im:message', ['im:message']],
    ['im:message, bitable:app', ['im:message', 'bitable:app']],
    ['im:message,bitable:app,,', ['im:message', 'bitable:app']],
    ['  im:message   bitable:app  ', ['im:message', 'bitable:app']],
    ['im:message\nbitable:app\n\n  docx:document\n', ['im:message', 'bitable:app', 'docx:document']],
    ['im:message\r\n- ', undefined],
    ['im:message, im:message\nim:message', ['im:message']],
    // A comment: '#' at the start of the value or of a line, or after a space or a comma, to the end of its line.
    ['# im:message\nbitable:app', ['bitable:app']],
    ['im:message\n  # bitable:app, docx:document\ndocx:document', ['im:message', 'docx:document']],
    ['im:message #bitable:app\tdocx:document\nwiki:wiki', ['im:message', 'wiki:wiki']],
    ['im:message,#bitable:app', ['im:message']]
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

describe('parseRequiredScopes', () => {
  const input = { name: 'required-scopes' as const, warning: () => undefined }

  it('quotes the first 100 entries that are not scope names, and counts the rest', () => {
    const bad = Array.from({ length: 150 }, (_, n) => `Bad${n}`)
    const message = (() => {
      try {
        parseRequiredScopes(bad.join(' '), input)
      } catch (error) {
        return (error as Error).message
      }
    })()
    expect(message).toContain('"Bad98", "Bad99" and 50 more. Scope names are')
    expect(message).not.toContain('"Bad100"')
  })

  it('quotes all of 100 entries that are not scope names, with no count', () => {
    expect(() => parseRequiredScopes(Array.from({ length: 100 }, (_, n) => `Bad${n}`).join(' '), input)).toThrow(
      /"Bad98", "Bad99"\. Scope names are/
    )
  })
})

describe('required-scopes in a run', () => {
  it('may span lines, but not hold other control characters', async () => {
    const sandbox = await startSandbox()
    const runWith = async (scopes: string) => {
      const core = fakeCore({
        'app-id': TEST_APP.appId,
        'app-secret': TEST_APP.appSecret,
        'base-url': sandbox.url,
        'max-attempts': '1',
        'required-scopes': scopes
      })
      await run(testDeps(core))
      return core
    }
    try {
      expect((await runWith('im:message\r\n\tbitable:app')).failed).toMatch(/^1 of 2 required scopes is missing/)
      expect((await runWith('im:message\u001b[31m')).failed).toMatch(
        /^Input 'required-scopes', line 1 \("im:message\\u001B\[31m"\) contains an invisible or control character \(\\u001B\)/
      )
    } finally {
      await sandbox.close()
    }
  })
})
