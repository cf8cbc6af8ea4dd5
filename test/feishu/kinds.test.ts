// The kinds of resource 'required-access' checks (src/feishu/kinds.ts): how each is named, the scopes and pace of its
// read call, and how its edit rights are checked.
import {
  RESOURCE_KINDS as KINDS,
  KIND_NAMES,
  PERMISSION_CALL,
  type Resource,
  type ResourceKind,
  editPath,
  kindScopes,
  resourceName,
  scopesOfCall
} from '../../src/feishu/kinds.js'

const CHAT = 'oc_a0553eda9014c201e6969b478895c230'
const DOC = 'doxcnAbCd1234567890EfGhIjKlMn'

describe('resourceName', () => {
  it('names a resource by its kind and id, after its label when it has one, quoted', () => {
    expect(resourceName({ kind: 'docx', id: DOC })).toBe(`document ${DOC}`)
    expect(resourceName({ kind: 'chat', id: CHAT, label: 'Release "team"' })).toBe(`"Release \\"team\\"" (chat ${CHAT})`)
    expect(resourceName({ kind: 'wiki-space', id: '7', label: '' })).toBe('wiki space 7')
    expect(resourceName({ kind: 'base', id: 'b1' })).toBe('Base b1')
  })

  it('names an object a wiki page holds by the page, not by its own token', () => {
    expect(resourceName({ kind: 'docx', id: DOC, inWiki: 'wikcnPage1' })).toBe('document in wiki page wikcnPage1')
    expect(resourceName({ kind: 'base', id: 'b1', label: 'Roadmap', inWiki: 'wikcnPage2' })).toBe(
      '"Roadmap" (Base in wiki page wikcnPage2)'
    )
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

// An id with characters a URL must escape: ids are checked when the input is read, the path guards the URL anyway.
const ODD = 'a/b c&d=e?文@x'
const ODD_SEGMENT = 'a%2Fb%20c%26d%3De%3F%E6%96%87@x'

const resource = (kind: ResourceKind, id: string, edit = false): Resource => ({ kind, id, edit, entry: `${kind}:${id}` })
const answer = (kind: ResourceKind, data: Record<string, unknown>, { id = 'T1', edit = false } = {}) =>
  KINDS[kind].read.answer(data, resource(kind, id, edit))

describe('the read call of each kind', () => {
  it.each([
    ['chat', 'GET', `/open-apis/im/v1/chats/${ODD_SEGMENT}/members/is_in_chat`],
    ['base', 'GET', `/open-apis/bitable/v1/apps/${ODD_SEGMENT}`],
    ['docx', 'GET', `/open-apis/docx/v1/documents/${ODD_SEGMENT}`],
    ['sheet', 'GET', `/open-apis/sheets/v3/spreadsheets/${ODD_SEGMENT}`],
    ['wiki', 'GET', `/open-apis/wiki/v2/spaces/get_node?token=${ODD_SEGMENT}`],
    ['wiki-space', 'GET', `/open-apis/wiki/v2/spaces/${ODD_SEGMENT}`],
    ['calendar', 'GET', `/open-apis/calendar/v4/calendars/${ODD_SEGMENT}`]
  ] as const)('%s: %s %s, the id escaped but for its @', (kind, method, path) => {
    expect(KINDS[kind].read.method).toBe(method)
    expect(KINDS[kind].read.path(ODD)).toBe(path)
  })

  it("keeps a calendar id's @ as it is", () => {
    expect(KINDS.calendar.read.path('feishu.cn_x1@group.calendar.feishu.cn')).toBe(
      '/open-apis/calendar/v4/calendars/feishu.cn_x1@group.calendar.feishu.cn'
    )
  })

  it('asks for a folder at one path, by its token, as a folder, in the body; the GETs have no body', () => {
    expect(KINDS.folder.read.method).toBe('POST')
    expect(KINDS.folder.read.path(ODD)).toBe('/open-apis/drive/v1/metas/batch_query')
    expect(KINDS.folder.read.body?.(ODD)).toBe(`{"request_docs":[{"doc_token":${JSON.stringify(ODD)},"doc_type":"folder"}]}`)
    expect(KIND_NAMES.filter(kind => KINDS[kind].read.body !== undefined)).toEqual(['folder'])
  })

  it('checks edit rights with the permission call, the id escaped', () => {
    expect(editPath(ODD, 'docx')).toBe(`/open-apis/drive/v1/permissions/${ODD_SEGMENT}/members/auth?type=docx&action=edit`)
    expect(editPath('shtcn1', 'sheet')).toBe('/open-apis/drive/v1/permissions/shtcn1/members/auth?type=sheet&action=edit')
  })
})

describe("a read call's answer", () => {
  describe.each([
    ['base', 'app'],
    ['docx', 'document'],
    ['sheet', 'spreadsheet'],
    ['wiki-space', 'space']
  ] as const)('%s: the object is readable when the answer holds data.%s', (kind, field) => {
    it('an object there is readable', () => {
      expect(answer(kind, { [field]: {} })).toBeUndefined()
      expect(answer(kind, { [field]: { title: 'Q3' } })).toBeUndefined()
    })

    it.each([
      ['missing', {}],
      ['null', { [field]: null }],
      ['a string', { [field]: 'x' }],
      ['a number', { [field]: 1 }],
      ['an array', { [field]: [{}] }]
    ])('%s there is malformed', (_, data) => {
      expect(answer(kind, data)).toEqual({ malformed: `'data.${field}' is missing or not an object` })
    })
  })

  it.each([
    [true, undefined],
    [false, { problem: 'no-access', call: 'access' }]
  ])('a chat whose is_in_chat is %s: %j', (isInChat, expected) => {
    expect(answer('chat', { is_in_chat: isInChat })).toEqual(expected)
  })

  it.each([
    ['missing', {}],
    ['a string', { is_in_chat: 'true' }],
    ['a number', { is_in_chat: 1 }],
    ['null', { is_in_chat: null }]
  ])('a chat answer whose is_in_chat is %s is malformed', (_, data) => {
    expect(answer('chat', data)).toEqual({ malformed: "'data.is_in_chat' is missing or not true or false" })
  })

  it.each([
    ['owner', false, undefined],
    ['owner', true, undefined],
    ['writer', true, undefined],
    ['reader', false, undefined],
    ['reader', true, { problem: 'read-only', call: 'edit' }],
    ['free_busy_reader', false, { problem: 'free-busy-only', call: 'access' }],
    ['free_busy_reader', true, { problem: 'free-busy-only', call: 'access' }]
  ])('a calendar whose role is %s, edit %s: %j', (role, edit, expected) => {
    expect(answer('calendar', { role }, { edit })).toEqual(expected)
  })

  it.each([
    ['a role a calendar does not give', { role: 'guest' }],
    ['a role in other case', { role: 'Owner' }],
    ['no role', {}],
    ['a role that is no string', { role: ['owner'] }]
  ])('a calendar answer with %s is malformed', (_, data) => {
    expect(answer('calendar', data)).toEqual({
      malformed: "'data.role' is not one of the roles a calendar gives (free_busy_reader, reader, writer, owner)"
    })
  })
})

describe("a folder's answer (drive metas batch_query)", () => {
  const ID = 'fldcnMine1'
  const OTHER = 'fldcnOther2'
  const folder = (data: Record<string, unknown>) => answer('folder', data, { id: ID })

  it("a folder in 'failed_list' with a numeric code answers that code, not another entry's", () => {
    const failed = [null, 'x', { token: OTHER, code: 5 }, { token: ID, code: 1061004 }]
    expect(folder({ failed_list: failed, metas: [] })).toEqual({ code: 1061004 })
    expect(folder({ failed_list: [{ token: ID, code: 0 }] })).toEqual({ code: 0 })
  })

  it("a folder in 'failed_list' counts before one in 'metas'", () => {
    expect(folder({ failed_list: [{ token: ID, code: 970005 }], metas: [{ doc_token: ID }] })).toEqual({ code: 970005 })
  })

  it.each([
    ['no code', { token: ID }],
    ['a code in a string', { token: ID, code: '1061004' }],
    ['a null code', { token: ID, code: null }]
  ])("a folder in 'failed_list' with %s is malformed", (_, entry) => {
    expect(folder({ failed_list: [entry], metas: [{ doc_token: ID }] })).toEqual({
      malformed: "an entry of 'data.failed_list' has no numeric 'code'"
    })
  })

  it("a folder in 'metas' is readable, whatever else is listed", () => {
    expect(folder({ metas: [{ doc_token: ID }] })).toBeUndefined()
    expect(folder({ failed_list: [{ token: OTHER, code: 5 }], metas: [{ doc_token: OTHER }, { doc_token: ID }] })).toBeUndefined()
  })

  it.each([
    ['an empty answer', {}],
    ['empty lists', { failed_list: [], metas: [] }],
    ['only other folders', { failed_list: [{ token: OTHER, code: 5 }], metas: [{ doc_token: OTHER }] }],
    ['its token under the wrong field', { failed_list: [{ doc_token: ID, code: 5 }], metas: [{ token: ID }] }],
    ['lists that are no arrays', { failed_list: { token: ID, code: 5 }, metas: { doc_token: ID } }]
  ])("a folder in neither 'metas' nor 'failed_list' (%s) is malformed", (_, data) => {
    expect(folder(data)).toEqual({ malformed: "the folder is in neither 'data.metas' nor 'data.failed_list'" })
  })
})
