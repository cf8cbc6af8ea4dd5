// Each kind's read call, as the kinds table describes it: its path, how its answer is read, and the scopes that allow
// it, taken from Feishu's API catalogue.
import { loadCatalogue } from '../../src/catalogue/load.js'
import {
  KIND_NAMES,
  PERMISSION_CALL,
  RESOURCE_KINDS,
  type Resource,
  type ResourceKind,
  kindScopes,
  scopesOfCall
} from '../../src/feishu/kinds.js'

const resource = (kind: ResourceKind, id: string, edit = false): Resource => ({ kind, id, edit, entry: `${kind}:${id}` })
const answer = (kind: ResourceKind, data: Record<string, unknown>, edit = false) =>
  RESOURCE_KINDS[kind].read.answer(data, resource(kind, 'T1', edit))

describe('the scopes of each read call come from the catalogue', () => {
  it.each(KIND_NAMES)("%s: its read call is a call of the catalogue, and the catalogue's scopes are its scopes", kind => {
    const [method, path] = RESOURCE_KINDS[kind].call.split(' ')
    const call = loadCatalogue().tenantCalls.find(c => c.method === method && c.path === path)
    expect(call).toBeDefined()
    expect(kindScopes(kind)).toEqual(call!.scopes)
    expect(kindScopes(kind).length).toBeGreaterThan(0)
  })

  it('reading a spreadsheet is allowed by sheets:spreadsheet.meta:read too, as the catalogue says', () => {
    expect(kindScopes('sheet')).toContain('sheets:spreadsheet.meta:read')
  })

  it('the objects only the permission call answers for are read with it, and its scopes', () => {
    for (const kind of ['doc', 'file', 'mindnote', 'slides', 'minutes'] as const) {
      expect(RESOURCE_KINDS[kind].call).toBe(PERMISSION_CALL)
      expect(RESOURCE_KINDS[kind].read.path('T1')).toBe(`/open-apis/drive/v1/permissions/T1/members/auth?type=${kind}&action=view`)
      expect(RESOURCE_KINDS[kind].edit).toBe(kind)
    }
    expect(scopesOfCall(PERMISSION_CALL)).toContain('docs:permission.member:auth')
  })

  it('a call the catalogue lacks is an error, not an empty list of scopes', () => {
    expect(() => scopesOfCall('GET /open-apis/bot/v3/info')).toThrow(/not a call of the catalogue/)
  })
})

describe('how each answer is read', () => {
  it('a wiki page that holds an object of a known kind hands the object on, by its own token', () => {
    expect(answer('wiki', { node: { obj_type: 'bitable', obj_token: 'Bas3' } })).toEqual({ holds: { kind: 'base', id: 'Bas3' } })
    expect(answer('wiki', { node: { obj_type: 'docx', obj_token: 'Dx1' } })).toEqual({ holds: { kind: 'docx', id: 'Dx1' } })
    expect(answer('wiki', { node: { obj_type: 'mindnote', obj_token: 'M1' } })).toEqual({ holds: { kind: 'mindnote', id: 'M1' } })
  })

  it('a wiki page that holds something else, or says nothing of it, is the page alone', () => {
    expect(answer('wiki', { node: { obj_type: 'wiki' } })).toBeUndefined()
    expect(answer('wiki', { node: {} })).toBeUndefined()
    expect(answer('wiki', { node: { obj_type: '__proto__', obj_token: 'X1' } })).toBeUndefined()
  })

  it('a wiki page whose object token is no token, or an answer with no node, is malformed', () => {
    expect(answer('wiki', { node: { obj_type: 'docx', obj_token: 'a/b' } })).toEqual({ malformed: "'data.node.obj_token' is not a token" })
    expect(answer('wiki', { node: { obj_type: 'docx' } })).toEqual({ malformed: "'data.node.obj_token' is not a token" })
    expect(answer('wiki', {})).toEqual({ malformed: "'data.node' is missing or not an object" })
  })

  it('the permission call: viewable, not viewable, or malformed', () => {
    expect(answer('file', { auth_result: true })).toBeUndefined()
    expect(answer('file', { auth_result: false })).toEqual({ problem: 'no-access', call: 'access' })
    expect(answer('file', { auth_result: 'yes' })).toEqual({ malformed: "'data.auth_result' is missing or not true or false" })
  })
})

describe('the links of each kind', () => {
  const linked = (path: string, query = '') =>
    KIND_NAMES.flatMap(kind =>
      (RESOURCE_KINDS[kind].links ?? []).flatMap(form => {
        const match = form.path.exec(path)
        if (!match) return []
        return [[kind, form.param ? new URLSearchParams(query).get(form.param) : match[1]]]
      })
    )

  it.each([
    ['/wiki/space/7257147468238886802', '', 'wiki-space', '7257147468238886802'],
    ['/wiki/settings/7257147468238886802', '', 'wiki-space', '7257147468238886802'],
    ['/wiki/9G29PqG6bmk0Dhcb0w8vhjREoo9', '', 'wiki', '9G29PqG6bmk0Dhcb0w8vhjREoo9'],
    ['/client/chat/open', 'openChatId=oc_96ce72da5955ef8c921b2e15f9ab6b8f', 'chat', 'oc_96ce72da5955ef8c921b2e15f9ab6b8f'],
    ['/docs/doccnLegacy1', '', 'doc', 'doccnLegacy1'],
    ['/file/boxcn1', '', 'file', 'boxcn1'],
    ['/mindnotes/bmncn1', '', 'mindnote', 'bmncn1'],
    ['/slides/S1', '', 'slides', 'S1'],
    ['/minutes/obcn1', '', 'minutes', 'obcn1']
  ])('%s?%s is a %s, %s', (path, query, kind, id) => {
    expect(linked(path, query)).toEqual([[kind, id]])
  })
})
