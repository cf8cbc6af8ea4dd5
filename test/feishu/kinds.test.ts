// The kinds of resource 'required-access' checks (src/feishu/kinds.ts): how each is named, the scopes and pace of its
// read call, and how its edit rights are checked.
import { RESOURCE_KINDS as KINDS, KIND_NAMES, PERMISSION_CALL, kindScopes, resourceName, scopesOfCall } from '../../src/feishu/kinds.js'

const CHAT = 'oc_a0553eda9014c201e6969b478895c230'
const DOC = 'doxcnAbCd1234567890EfGhIjKlMn'

describe('resourceName', () => {
  it('names a resource by its kind and id, after its label when it has one, quoted', () => {
    expect(resourceName({ kind: 'docx', id: DOC })).toBe(`document ${DOC}`)
    expect(resourceName({ kind: 'chat', id: CHAT, label: 'Release "team"' })).toBe(`"Release \\"team\\"" (chat ${CHAT})`)
    expect(resourceName({ kind: 'wiki-space', id: '7', label: '' })).toBe('wiki space 7')
    expect(resourceName({ kind: 'base', id: 'b1' })).toBe('Base b1')
  })
})

describe('KINDS', () => {
  // docs/feishu.md, "Resources": the read call of each kind accepts any one of these scopes (Feishu's API catalogue),
  // within this limit.
  it.each([
    ['chat', 'chat', ['im:chat', 'im:chat:readonly', 'im:chat.members:read', 'im:chat.group_info:readonly'], 50],
    ['base', 'Base', ['base:app:read', 'bitable:app', 'bitable:app:readonly'], 20],
    ['docx', 'document', ['docx:document', 'docx:document:readonly'], 5],
    [
      'sheet',
      'spreadsheet',
      ['drive:drive', 'drive:drive:readonly', 'sheets:spreadsheet', 'sheets:spreadsheet.meta:read', 'sheets:spreadsheet:readonly'],
      undefined
    ],
    ['wiki', 'wiki page', ['wiki:node:read', 'wiki:wiki', 'wiki:wiki:readonly'], undefined],
    ['wiki-space', 'wiki space', ['wiki:space:read', 'wiki:wiki', 'wiki:wiki:readonly'], undefined],
    ['folder', 'Drive folder', ['drive:drive', 'drive:drive.metadata:readonly'], 50],
    ['calendar', 'calendar', ['calendar:calendar', 'calendar:calendar:read', 'calendar:calendar:readonly'], 50]
  ] as const)('%s: a %s, read with any of %j, at most %s a second', (kind, noun, scopes, perSecond) => {
    expect(KINDS[kind]).toMatchObject({ noun })
    expect([...kindScopes(kind)].sort()).toEqual([...scopes].sort())
    expect(KINDS[kind].perSecond).toBe(perSecond)
  })

  it('checks edit rights with the permission call for documents, and by role for calendars', () => {
    expect(Object.fromEntries(KIND_NAMES.map(kind => [kind, KINDS[kind].edit]))).toEqual({
      chat: undefined,
      base: 'bitable',
      docx: 'docx',
      sheet: 'sheet',
      wiki: 'wiki',
      'wiki-space': undefined,
      folder: undefined,
      calendar: 'role',
      doc: 'doc',
      file: 'file',
      mindnote: 'mindnote',
      slides: 'slides',
      minutes: 'minutes'
    })
    expect([...scopesOfCall(PERMISSION_CALL)].sort()).toEqual(
      ['docs:permission.member:auth', 'drive:drive', 'docs:doc', 'sheets:spreadsheet', 'bitable:app', 'bitable:bitable', 'wiki:wiki'].sort()
    )
  })
})
