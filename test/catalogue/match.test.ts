import type { Call } from '../../src/catalogue/catalogue.js'
import { loadCatalogue } from '../../src/catalogue/load.js'
import { type Match, matchCall } from '../../src/catalogue/match.js'
import { versionOf } from '../../src/catalogue/names.js'
import { segmentsOf } from '../../src/catalogue/paths.js'
import { TWENTY_CALLS } from '../../bench/twenty-calls.js'
import { newInEachTest, small } from './small.js'

const catalogue = newInEachTest(
  small(
    'POST /open-apis/im/v1/messages im_message_create tenant,user im:message,im:message:send_as_bot',
    'GET /open-apis/im/v1/messages im_message_list tenant im:message',
    'GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat im_chat_members_is_in_chat tenant im:chat',
    'POST /open-apis/im/v1/chats/{chat_id}/members im_chat_members_create tenant im:chat',
    'GET /open-apis/wiki/v2/spaces/{space_id} wiki_space_get tenant wiki:wiki',
    'DELETE /open-apis/wiki/v2/spaces/{space_id} wiki_space_delete tenant wiki:wiki',
    'GET /open-apis/wiki/v2/spaces/get_node wiki_space_get_node tenant wiki:wiki',
    'GET /open-apis/demo/v1/{a}/b/c demo_a_c_get tenant demo:x',
    'GET /open-apis/demo/v1/x/{b}/{c} demo_b_c_get tenant demo:x',
    'GET /open-apis/demo/v1/x/b/{c} demo_b_get tenant demo:x',
    'GET /open-apis/demo/v1/foo_bar demo_foo_bar_get tenant demo:x',
    'GET /open-apis/demo/v1/foobar demo_foobar_get tenant demo:x',
    'GET /open-apis/authen/v1/user_info authen_user_info_get user -',
    'POST /open-apis/authen/v1/access_token authen_access_token_create app -',
    'POST /open-apis/auth/v3/tenant_access_token/internal auth_auth_tenant_access_token_internal - -',
    'POST /open-apis/task/v1/tasks task_task_create tenant task:task',
    'POST /open-apis/task/v2/tasks task_task_create_v2 tenant task:task:write',
    'POST /open-apis/corehr/v1/offboardings/submit corehr_offboarding_submit tenant corehr:corehr',
    'POST /open-apis/corehr/v2/offboardings/submit_v2 corehr_offboarding_submit_v2 tenant corehr:corehr',
    'GET /open-apis/hire/v1/talent_pools/ hire_talent_pool_search tenant hire:talent_folder'
  )
)

const real = newInEachTest(loadCatalogue())

/** The operationId a line resolves to, or the kind of result when it names no one call. */
function idOf(match: Match): string {
  return match.kind === 'call' || match.kind === 'not-tenant' ? match.call.operationId : match.kind
}
const ids = (calls: readonly Call[]) => calls.map(call => `${call.method} ${call.path}`)

describe('matchCall: the ways to write a call', () => {
  it.each([
    ['POST /open-apis/im/v1/chats/{chat_id}/members', 'im_chat_members_create'],
    ['POST /open-apis/im/v1/chats/:chat_id/members', 'im_chat_members_create'],
    ['GET /open-apis/im/v1/chats/oc_a0553eda9014c201e6969b478895c230/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['get /open-apis/im/v1/chats/%7Bchat_id%7D/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['  Post   /open-apis/im/v1/messages/  ', 'im_message_create'],
    ['GET /open-apis/hire/v1/talent_pools', 'hire_talent_pool_search']
  ])('a template ({param} or :param) or a concrete path: %s is %s', (line, id) => {
    expect(matchCall(catalogue(), line)).toMatchObject({ form: 'path', kind: 'call' })
    expect(idOf(matchCall(catalogue(), line))).toBe(id)
  })

  it('a URL: the query and fragment ignored, the host given back lowercased, with its port, for the region check', () => {
    expect(matchCall(catalogue(), 'POST https://Open.Feishu.cn/open-apis/im/v1/messages?receive_id_type=chat_id#top')).toMatchObject({
      form: 'url',
      host: 'open.feishu.cn',
      kind: 'call',
      call: { operationId: 'im_message_create' }
    })
    expect(matchCall(catalogue(), 'POST http://127.0.0.1:8910/open-apis/im/v1/messages')).toMatchObject({ host: '127.0.0.1:8910' })
    // A link's credentials are never given back: the caller may print the host.
    expect(matchCall(catalogue(), 'POST https://me:s3cret@open.feishu.cn/open-apis/im/v1/messages')).toMatchObject({
      host: 'open.feishu.cn'
    })
    expect(matchCall(catalogue(), 'POST /open-apis/im/v1/messages?x=https://open.feishu.cn')).not.toHaveProperty('host')
  })

  it.each([
    ['im_message_create', 'im_message_create'],
    ['im.v1.message.create', 'im_message_create'],
    ['im.message.create', 'im_message_create'],
    ['client.im.v1.message.create', 'im_message_create'],
    ['Im.V1.Message.Create', 'im_message_create'],
    ['im.v1.chatMembers.isInChat', 'im_chat_members_is_in_chat'],
    ['im.v1.chat_members.is_in_chat', 'im_chat_members_is_in_chat'],
    ['im.chat.members.create', 'im_chat_members_create']
  ])('a name: the operationId or an SDK name, with or without the version, in any case: %s is %s', (name, id) => {
    expect(matchCall(catalogue(), name)).toMatchObject({ form: 'name', kind: 'call' })
    expect(idOf(matchCall(catalogue(), name))).toBe(id)
  })

  it("names a call of two versions as the SDKs do: the version picks, none is the one whose operationId has no '_v2'", () => {
    expect(idOf(matchCall(catalogue(), 'task.v2.task.create'))).toBe('task_task_create_v2')
    expect(idOf(matchCall(catalogue(), 'task.v1.task.create'))).toBe('task_task_create')
    expect(idOf(matchCall(catalogue(), 'task.task.create'))).toBe('task_task_create')
    expect(idOf(matchCall(catalogue(), 'task_task_create_v2'))).toBe('task_task_create_v2')
    // A method whose own name ends in _v2 keeps it.
    expect(idOf(matchCall(catalogue(), 'corehr.v2.offboarding.submitV2'))).toBe('corehr_offboarding_submit_v2')
    expect(idOf(matchCall(catalogue(), 'corehr.v1.offboarding.submit'))).toBe('corehr_offboarding_submit')
  })

  it("names the token calls as the SDKs do, without the operationId's repeated project", () => {
    expect(matchCall(catalogue(), 'auth.v3.tenantAccessToken.internal')).toMatchObject({
      kind: 'not-tenant',
      call: { operationId: 'auth_auth_tenant_access_token_internal', tokens: [] }
    })
  })
})

describe('matchCall: a literal segment beats a parameter', () => {
  it('get_node is its own call; any other segment there is a space id', () => {
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/wiki/v2/spaces/get_node'))).toBe('wiki_space_get_node')
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/wiki/v2/spaces/7034502641455497244'))).toBe('wiki_space_get')
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/wiki/v2/spaces/{space_id}'))).toBe('wiki_space_get')
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/wiki/v2/spaces/:space_id'))).toBe('wiki_space_get')
  })

  it('at the first segment where the templates differ', () => {
    // {a}/b/c, x/{b}/{c} and x/b/{c} all fit x/b/c: x/b/{c} has literals furthest.
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/demo/v1/x/b/c'))).toBe('demo_b_get')
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/demo/v1/x/y/c'))).toBe('demo_b_c_get')
    expect(idOf(matchCall(catalogue(), 'GET /open-apis/demo/v1/y/b/c'))).toBe('demo_a_c_get')
  })

  it('only among the templates of the method given: another method falls to the parameter', () => {
    expect(idOf(matchCall(catalogue(), 'DELETE /open-apis/wiki/v2/spaces/get_node'))).toBe('wiki_space_delete')
  })
})

describe('matchCall: what it finds when it finds no one tenant call', () => {
  it('a call that does not accept a tenant token, with the token types it does accept (none for the token calls)', () => {
    expect(matchCall(catalogue(), 'GET /open-apis/authen/v1/user_info')).toMatchObject({ kind: 'not-tenant', call: { tokens: ['user'] } })
    expect(matchCall(catalogue(), 'authen_access_token_create')).toMatchObject({ kind: 'not-tenant', call: { tokens: ['app'] } })
    expect(matchCall(catalogue(), 'POST /open-apis/auth/v3/tenant_access_token/internal')).toMatchObject({
      kind: 'not-tenant',
      call: { tokens: [] }
    })
  })

  it('a method that does not exist for that path, with the calls that do, each method once with its most specific template', () => {
    const match = matchCall(catalogue(), 'PUT /open-apis/wiki/v2/spaces/get_node')
    expect(match).toMatchObject({ kind: 'wrong-method', method: 'PUT' })
    expect(match.kind === 'wrong-method' && ids(match.calls)).toEqual([
      'GET /open-apis/wiki/v2/spaces/get_node',
      'DELETE /open-apis/wiki/v2/spaces/{space_id}'
    ])
    expect(matchCall(catalogue(), 'FETCH /open-apis/im/v1/messages')).toMatchObject({ kind: 'wrong-method', method: 'FETCH' })
  })

  it('a path without a method: the one call there, or all of them when there are several', () => {
    expect(idOf(matchCall(catalogue(), '/open-apis/im/v1/chats/oc_1/members/is_in_chat'))).toBe('im_chat_members_is_in_chat')
    const match = matchCall(catalogue(), 'https://open.feishu.cn/open-apis/im/v1/messages')
    expect(match).toMatchObject({ kind: 'ambiguous', host: 'open.feishu.cn' })
    expect(match.kind === 'ambiguous' && ids(match.calls)).toEqual(['GET /open-apis/im/v1/messages', 'POST /open-apis/im/v1/messages'])
  })

  it('a name that two calls answer to once case, dots and underscores are dropped: ambiguous, unless it is an exact operationId', () => {
    const match = matchCall(catalogue(), 'demo.fooBar.get')
    expect(match.kind === 'ambiguous' && match.calls.map(call => call.operationId)).toEqual(['demo_foo_bar_get', 'demo_foobar_get'])
    expect(idOf(matchCall(catalogue(), 'demo_foobar_get'))).toBe('demo_foobar_get')
  })

  it('an unknown path: the nearest calls, up to 3, the same method first; none when nothing is near', () => {
    const typo = matchCall(catalogue(), 'POST /open-apis/im/v1/message')
    expect(typo.kind === 'unknown' && ids(typo.nearest)).toEqual(['POST /open-apis/im/v1/messages', 'GET /open-apis/im/v1/messages'])
    const bare = matchCall(catalogue(), 'GET /im/v1/chats/oc_1/members/is_in_chat')
    expect(bare.kind === 'unknown' && ids(bare.nearest)).toEqual(['GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat'])
    expect(matchCall(catalogue(), 'GET https://open.feishu.cn/open-apis/bot/v3/info')).toEqual({
      form: 'url',
      host: 'open.feishu.cn',
      kind: 'unknown',
      nearest: []
    })
  })

  it('nearest first; at the same distance in path order, then by method', () => {
    const tie = matchCall(catalogue(), 'GET /open-apis/demo/v1/foo-bar')
    expect(tie.kind === 'unknown' && ids(tie.nearest)).toEqual(['GET /open-apis/demo/v1/foo_bar', 'GET /open-apis/demo/v1/foobar'])
    const methods = matchCall(catalogue(), '/open-apis/wiki/v2/space/7034')
    expect(methods.kind === 'unknown' && ids(methods.nearest)).toEqual([
      'DELETE /open-apis/wiki/v2/spaces/{space_id}',
      'GET /open-apis/wiki/v2/spaces/{space_id}',
      'GET /open-apis/wiki/v2/spaces/get_node'
    ])
  })

  it('near is a segment more and another method at most (1.5); a parameter takes any segment', () => {
    const near = matchCall(catalogue(), 'DELETE /open-apis/im/v1/chats/oc_1/members/is_in_chat/x')
    expect(near.kind === 'unknown' && ids(near.nearest)).toEqual(['GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat'])
    expect(matchCall(catalogue(), 'DELETE /open-apis/im/v1/chats/oc_1/members/is_in_chat/x/y')).toMatchObject({ nearest: [] })
    const typo = matchCall(catalogue(), 'GET /open-apis/im/v1/chats/oc_1/membres/is_in_chat')
    expect(typo.kind === 'unknown' && ids(typo.nearest)).toEqual(['GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat'])
  })

  it('a path without a method that one literal template fits is that call, before the parameter templates there', () => {
    expect(idOf(matchCall(catalogue(), '/open-apis/wiki/v2/spaces/get_node'))).toBe('wiki_space_get_node')
  })

  it('at most 3 of the many calls near a typo in the committed catalogue', () => {
    const typo = matchCall(real(), 'GET /open-apis/im/v1/chat')
    expect(typo.kind === 'unknown' && ids(typo.nearest)).toEqual([
      'GET /open-apis/im/v1/chats',
      'POST /open-apis/im/v1/chats',
      'GET /open-apis/im/v1/chats/{chat_id}'
    ])
  })

  it('an unknown name: the nearest names, the same call in another version first', () => {
    const other = matchCall(catalogue(), 'im.v2.message.create')
    expect(other.kind === 'unknown' && other.nearest.map(call => call.operationId)).toEqual(['im_message_create'])
    const typo = matchCall(catalogue(), 'im.messages.creat')
    expect(typo.kind === 'unknown' && typo.nearest.map(call => call.operationId)).toEqual(['im_message_create'])
    expect(matchCall(catalogue(), 'calendar.v4.calendar.get')).toEqual({ form: 'name', kind: 'unknown', nearest: [] })
  })

  it.each([
    '',
    '   ',
    'GET /open-apis/im/v1/messages extra',
    '/open-apis/im/v1/messages GET extra',
    'GET im_message_create',
    'im message',
    'im..message',
    'G3T /open-apis/im/v1/messages'
  ])('a line that is no form of a call: %j', line => {
    expect(matchCall(catalogue(), line)).toEqual({ kind: 'unreadable' })
  })
})

describe('matchCall: the edges of a name', () => {
  const edges = newInEachTest(
    small(
      'GET /open-apis/demo/v1/client/list demo_client_list tenant demo:x',
      'GET /open-apis/demo/v12/thing demo_thing_get tenant demo:x',
      'GET /open-apis/demo/v1/getv1/x demo_getv1_x tenant demo:x',
      'GET /open-apis/demo/v1/v1beta demo_v1beta_list tenant demo:x',
      'GET /open-apis/demo/v1/getv1 demo_getv1 tenant demo:x',
      'GET /open-apis/demo/v1/x/go demo_x_go tenant demo:x',
      'GET /open-apis/authen/v1/user_info authen_user_info_get user -',
      'GET /open-apis/authen/v1/userinfo authen_userinfo_get user -'
    )
  )
  const named = (name: string) => idOf(matchCall(edges(), name))

  it.each([
    // Only a leading client. is the SDK's.
    ['demo.v1.client.list', 'demo_client_list'],
    ['client.demo.client.list', 'demo_client_list'],
    // A version is v and digits, the second part of three or more.
    ['demo.v12.thing.get', 'demo_thing_get'],
    ['demo.getv1.x', 'demo_getv1_x'],
    ['demo.v1beta.list', 'demo_v1beta_list'],
    ['demo_get.v1', 'demo_getv1'],
    // An exact operationId of a user-only call, though another has the same words.
    ['authen_user_info_get', 'authen_user_info_get']
  ])('%s is %s', (name, id) => {
    expect(named(name)).toBe(id)
  })

  it.each([
    // An operationId ends in its path's version only after a '_': neither of these is a _v1 form.
    'demo.get',
    'demo.x',
    'demo'
  ])('%s names no call', name => {
    expect(matchCall(edges(), name)).toMatchObject({ kind: 'unknown' })
  })

  it('an unknown long name: a quarter of its letters may differ (3 in immesagecraete)', () => {
    const typo = matchCall(catalogue(), 'im.mesage.craete')
    expect(typo.kind === 'unknown' && typo.nearest.map(call => call.operationId)).toEqual(['im_message_create'])
  })
})

describe('matchCall: the edges of a path', () => {
  const edges = newInEachTest(
    small(
      'GET /open-apis/demo/v1/items/{id} demo_item_get tenant demo:x',
      'DELETE /open-apis/demo/v1/items/{id} demo_item_delete app -',
      'GET /open-apis/demo/v1/items/mine demo_item_mine user -',
      'GET /open-apis/demo/v1/itema demo_itema_list user -',
      'GET /open-apis/demo/v1/items demo_item_list tenant demo:x',
      'DELETE /open-apis/demo/v1/itemt demo_itemt_delete app -'
    )
  )

  it('a literal segment beats a parameter across token types, and the calls of a path are in method order', () => {
    expect(matchCall(edges(), 'GET /open-apis/demo/v1/items/mine')).toMatchObject({
      kind: 'not-tenant',
      call: { operationId: 'demo_item_mine' }
    })
    const both = matchCall(edges(), '/open-apis/demo/v1/items/i_1')
    expect(both.kind === 'ambiguous' && ids(both.calls)).toEqual([
      'DELETE /open-apis/demo/v1/items/{id}',
      'GET /open-apis/demo/v1/items/{id}'
    ])
  })

  it('nearest calls at the same distance in path order, whatever their token types', () => {
    const typo = matchCall(edges(), 'GET /open-apis/demo/v1/itemz')
    // itemt is as near, but for its other method (half a segment more).
    expect(typo.kind === 'unknown' && ids(typo.nearest)).toEqual([
      'GET /open-apis/demo/v1/itema',
      'GET /open-apis/demo/v1/items',
      'DELETE /open-apis/demo/v1/itemt'
    ])
    // Without a method, path order alone, not method order.
    const any = matchCall(edges(), '/open-apis/demo/v1/itemz')
    expect(any.kind === 'unknown' && ids(any.nearest)).toEqual([
      'GET /open-apis/demo/v1/itema',
      'GET /open-apis/demo/v1/items',
      'DELETE /open-apis/demo/v1/itemt'
    ])
    // The same path: method order.
    const same = matchCall(edges(), '/open-apis/demo/v1/itemz/i_1')
    expect(same.kind === 'unknown' && ids(same.nearest).slice(0, 2)).toEqual([
      'DELETE /open-apis/demo/v1/items/{id}',
      'GET /open-apis/demo/v1/items/{id}'
    ])
  })

  it('a segment with half its letters changed, shorter or longer, is near (a half of a segment)', () => {
    // ab for abcd (0.5) and list missing (1): 1.5, as near as it gets.
    const one = small('GET /open-apis/demo/v1/abcd/list demo_abcd_list tenant demo:x')
    const typo = matchCall(one, 'GET /open-apis/demo/v1/ab')
    expect(typo.kind === 'unknown' && ids(typo.nearest)).toEqual(['GET /open-apis/demo/v1/abcd/list'])
    expect(matchCall(one, 'GET /open-apis/demo/v1/a')).toMatchObject({ nearest: [] })
  })

  it('a segment that is not a valid escape is kept as written', () => {
    expect(segmentsOf('/open-apis/demo/%zz/x%41/')).toEqual(['open-apis', 'demo', '%zz', 'xA'])
  })
})

describe('matchCall on the committed catalogue', () => {
  it.each([
    ['POST https://open.feishu.cn/open-apis/im/v1/messages?receive_id_type=chat_id', 'im_message_create'],
    ['im.v1.message.create', 'im_message_create'],
    ['im.message.create', 'im_message_create'],
    ['GET /open-apis/im/v1/chats/oc_a0553eda9014c201e6969b478895c230/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['im.v1.chat.members.create', 'im_chat_members_create'],
    ['im.v1.chatMembers.create', 'im_chat_members_create'],
    ['GET /open-apis/wiki/v2/spaces/get_node?token=wikcnKQ1k3p', 'wiki_space_get_node'],
    ['GET /open-apis/sheets/v3/spreadsheets/shtcnmBA/sheets/query', 'sheets_spreadsheet_sheet_query'],
    ['task.v2.task.create', 'task_task_create_v2'],
    ['GET /open-apis/authen/v1/user_info', 'authen_user_info_get'],
    ['POST /open-apis/auth/v3/tenant_access_token/internal', 'auth_auth_tenant_access_token_internal']
  ])('%s is %s', (line, id) => {
    expect(idOf(matchCall(real(), line))).toBe(id)
  })

  it('tells a user-only call by its token types', () => {
    expect(matchCall(real(), 'GET /open-apis/authen/v1/user_info')).toMatchObject({ kind: 'not-tenant', call: { tokens: ['user'] } })
  })

  // The bench's figures are those of 20 calls resolved: a line that stopped resolving would time less than it says.
  it.each(TWENTY_CALLS.split('\n'))('the bench names a tenant call: %s', line => {
    expect(matchCall(real(), line).kind).toBe('call')
  })
})

describe('versionOf: the segment after the project', () => {
  it.each([
    ['/open-apis/im/v1/messages', 'v1'],
    ['/open-apis/task/v2/tasks/{task_guid}', 'v2'],
    ['/open-apis/im/v1', 'v1']
  ])('%s is %s', (path, version) => {
    expect(versionOf({ tenant: true, method: 'GET', path, operationId: 'x', scopes: [] })).toBe(version)
  })
})
