// 'required-calls' read against the catalogue: each form a line may take, what it refuses, and how it words it.
import { loadCatalogue } from '../../src/catalogue/load.js'
import { newInEachTest, small } from '../catalogue/small.js'
import { endpointFor } from '../../src/feishu/region.js'
import { MAX_CALLS, parseCalls, parseRequiredCalls } from '../../src/inputs/calls.js'
import { InputError } from '../../src/inputs/error.js'
import type { Input } from '../../src/inputs/values.js'

const catalogue = newInEachTest(loadCatalogue())
const feishu = endpointFor('feishu')

/** What each line of an input names: the call's operationId, with the line's label and the call as written. */
function read(value: string, endpoint = feishu, byBaseUrl = false) {
  const { calls, problems } = parseRequiredCalls(value, catalogue(), endpoint, byBaseUrl)
  return { calls: calls.map(({ call, label, written }) => ({ id: call.operationId, written, ...(label && { label }) })), problems }
}

describe('required-calls: every form of a line names its call', () => {
  it.each([
    ['POST /open-apis/im/v1/messages', 'im_message_create'],
    ['post /open-apis/im/v1/messages', 'im_message_create'],
    ['GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['GET /open-apis/im/v1/chats/:chat_id/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['GET /open-apis/im/v1/chats/oc_a0553eda9014c201e6969b478895c230/members/is_in_chat', 'im_chat_members_is_in_chat'],
    ['POST https://open.feishu.cn/open-apis/im/v1/messages?receive_id_type=chat_id', 'im_message_create'],
    ['GET /open-apis/wiki/v2/spaces/get_node?token=wikcnX', 'wiki_space_get_node'],
    ['GET /open-apis/wiki/v2/spaces/7034', 'wiki_space_get'],
    ['im_message_create', 'im_message_create'],
    ['im.v1.message.create', 'im_message_create'],
    ['im.message.create', 'im_message_create'],
    ['im.v1.chatMembers.create', 'im_chat_members_create'],
    ['docx.v1.document.create', 'docx_document_create']
  ])('%s', (line, id) => {
    expect(read(line)).toEqual({ calls: [{ id, written: line }], problems: [] })
  })

  it("takes a label after '#', skips comment and blank lines, and keeps the call as written for 'missing-calls'", () => {
    expect(read('# the release script\n\nPOST /open-apis/im/v1/images   # upload the chart\n  im.v1.message.create # notify\n')).toEqual({
      calls: [
        { id: 'im_image_create', written: 'POST /open-apis/im/v1/images', label: 'upload the chart' },
        { id: 'im_message_create', written: 'im.v1.message.create', label: 'notify' }
      ],
      problems: []
    })
    // A label needs a space before its '#'.
    expect(read('im.v1.message.create#x').problems[0]).toMatch(
      /^Input 'required-calls', line 1 \("im\.v1\.message\.create#x"\): this is not a call/
    )
  })

  it('keeps the call as written with one space between method and path, and skips an indented comment', () => {
    expect(read('  POST \t  /open-apis/im/v1/messages   # notify\n   # a note\n')).toEqual({
      calls: [{ id: 'im_message_create', written: 'POST /open-apis/im/v1/messages', label: 'notify' }],
      problems: []
    })
  })

  it("keeps a URL's '#' fragment with the URL: only a '#' after a space starts a label", () => {
    expect(read('GET https://open.feishu.cn/open-apis/im/v1/chats/oc_1#part # the chat').calls).toEqual([
      { id: 'im_chat_get', written: 'GET https://open.feishu.cn/open-apis/im/v1/chats/oc_1#part', label: 'the chat' }
    ])
  })
})

describe('required-calls: what it refuses, each line quoted, all at once', () => {
  it('a call the catalogue lacks names the nearest, the catalogue date, and what to do instead', () => {
    const { problems } = read('POST /open-apis/im/v1/message')
    expect(problems).toEqual([
      expect.stringMatching(
        /^Input 'required-calls', line 1 \("POST \/open-apis\/im\/v1\/message"\): Feishu's API catalogue \(of 2026-08-22\) has no such call; the nearest: POST \/open-apis\/im\/v1\/messages \(im_message_create\)/
      )
    ])
    expect(problems[0]).toContain("list the scopes its documentation names in 'required-scopes' instead")
    expect(read('GET /open-apis/im/v1/chat').problems).toEqual([
      `Input 'required-calls', line 1 ("GET /open-apis/im/v1/chat"): Feishu's API catalogue (of 2026-08-22) has no such call; the nearest: GET /open-apis/im/v1/chats (im_chat_list), POST /open-apis/im/v1/chats (im_chat_create), GET /open-apis/im/v1/chats/{chat_id} (im_chat_get). For a call the catalogue does not have (newer than it, or left out of it), list the scopes its documentation names in 'required-scopes' instead.`
    ])
  })

  it('a user-only call does not accept a tenant token: said so, with what it takes', () => {
    expect(read('GET /open-apis/authen/v1/user_info').problems).toEqual([
      "Input 'required-calls', line 1 (\"GET /open-apis/authen/v1/user_info\"): GET /open-apis/authen/v1/user_info (authen_user_info_get) does not accept a tenant token: it is made with a user access token (on behalf of a signed-in user), so the app's tenant token can never make it. Take it out of 'required-calls'."
    ])
  })

  it('a method the path has not names the methods it has', () => {
    expect(read('PATCH /open-apis/im/v1/messages').problems).toEqual([
      `Input 'required-calls', line 1 ("PATCH /open-apis/im/v1/messages"): this path has no PATCH call: it has GET /open-apis/im/v1/messages (im_message_list), POST /open-apis/im/v1/messages (im_message_create).`
    ])
  })

  it('a path without its method, where the path has several calls, asks for the method', () => {
    expect(read('/open-apis/im/v1/messages').problems[0]).toMatch(/: this names \d+ calls: .*: write the method before the path\.$/)
  })

  it('a URL of the other region names the region to set; of another host, the API this run calls', () => {
    // Without saying how the endpoint was set, it was set by 'region'.
    expect(parseRequiredCalls('POST https://open.larksuite.com/open-apis/im/v1/messages', catalogue(), feishu).problems[0]).toMatch(
      /it is a call to Lark \(open\.larksuite\.com\), but 'region' is 'feishu'/
    )
    expect(read('POST https://open.larksuite.com/open-apis/im/v1/messages').problems[0]).toMatch(
      /it is a call to Lark \(open\.larksuite\.com\), but 'region' is 'feishu' \(open\.feishu\.cn\): .*set `region: lark`/
    )
    expect(read('POST https://example.com/open-apis/im/v1/messages').problems[0]).toMatch(
      /its host example\.com is not the API this run calls \(open\.feishu\.cn, as 'region' is 'feishu'\)/
    )
    // The host as a URL parser reads it: a dot at its end, the default port.
    expect(read('POST https://open.feishu.cn.:443/open-apis/im/v1/messages').problems).toEqual([])
    expect(read('POST https://OPEN.FEISHU.CN./open-apis/im/v1/messages').problems).toEqual([])
    const custom = { baseUrl: 'https://feishu.example.com' }
    expect(read('POST https://feishu.example.com/open-apis/im/v1/messages', custom, true).problems).toEqual([])
    expect(read('POST https://open.feishu.cn/open-apis/im/v1/messages', custom, true).problems[0]).toMatch(
      /its host open\.feishu\.cn is not the API this run calls \(feishu\.example\.com, as 'base-url' is 'https:\/\/feishu\.example\.com'\)/
    )
  })

  it.each([
    'POST https://bot:hunter2/x@open.feishu.cn/open-apis/im/v1/messages',
    'POST https://bot:hunter2@open.feishu.cn/open-apis/im/v1/messages',
    'POST https://bot:hunter2 x@open.feishu.cn/open-apis/im/v1/messages'
  ])('a URL with a user name or password (%s) is refused, and the line is quoted without them', line => {
    const [problem] = read(line).problems
    expect(problem).not.toContain('hunter2')
    expect(problem).toContain('"POST https://***@open.feishu.cn/open-apis/im/v1/messages"')
  })

  it.each([
    'GET https://open_feishu.cn/open-apis/im/v1/messages',
    'GET https://飞书.cn/open-apis/im/v1/messages',
    'GET https://127.0.0.1:8910:80/open-apis/im/v1/messages'
  ])('a URL whose host is no host name (%s) is refused as such, without blaming a password', line => {
    const [problem] = read(line).problems
    expect(problem).toMatch(/: its host is not a host name \(letters, digits, dots and hyphens, then a port if any\)/)
  })

  it('the same call twice, however written, names the line it was first on', () => {
    expect(read('im.v1.message.create\nPOST /open-apis/im/v1/messages?receive_id_type=chat_id').problems).toEqual([
      'Input \'required-calls\', line 2 ("POST /open-apis/im/v1/messages?receive_id_type=chat_id") names the same call as line 1, POST /open-apis/im/v1/messages (im_message_create): list it once.'
    ])
  })

  it(`at most ${MAX_CALLS} calls`, () => {
    const lines = catalogue()
      .tenantCalls.slice(0, MAX_CALLS + 1)
      .map(call => `${call.method} ${call.path}`)
    expect(read(lines.join('\n')).problems).toEqual([
      `Input 'required-calls' names ${MAX_CALLS + 1} calls: at most ${MAX_CALLS}. List the calls the workflow's own steps make.`
    ])
    expect(read(lines.slice(0, MAX_CALLS).join('\n')).problems).toEqual([])
  })

  it('every bad line at once, then once what a line may be when one could not be read at all', () => {
    const { problems } = read('not a call at all\nPOST /open-apis/im/v1/messages\nGET /open-apis/authen/v1/user_info')
    expect(problems).toEqual([
      expect.stringMatching(/^Input 'required-calls', line 1 .*this is not a call/),
      expect.stringMatching(/^Input 'required-calls', line 3 .*does not accept a tenant token/),
      expect.stringMatching(/^Input 'required-calls' takes one call a line/)
    ])
  })
})

describe('required-calls: the words of each refusal', () => {
  const few = (...lines: string[]) => small(...lines)

  it('a call that takes an app token, or none (a call that issues tokens), says what it takes', () => {
    const catalogue = few(
      'POST /open-apis/authen/v1/access_token authen_access_token_create app -',
      'GET /open-apis/demo/v1/both demo_both_get app,user -',
      'POST /open-apis/auth/v3/token auth_token - -'
    )
    const problems = (line: string) => parseRequiredCalls(line, catalogue).problems
    expect(problems('authen_access_token_create')[0]).toContain('does not accept a tenant token: it is made with an app access token, so')
    expect(problems('demo_both_get')[0]).toContain('does not accept a tenant token: it is made with a user or an app access token, so')
    expect(problems('auth_token')[0]).toContain(
      'does not accept a tenant token: it is one of the calls that issue tokens, and takes none, so'
    )
  })

  it('a name that fits several calls lists five of them and asks for the method and path', () => {
    const ids = ['ab_cd', 'a_bcd', 'abc_d', 'a_b_cd', 'ab_c_d', 'a_bc_d']
    const six = few(...ids.map((id, i) => `GET /open-apis/demo/v1/n${i} ${id} tenant demo:x`))
    expect(parseRequiredCalls('abcd', six).problems).toEqual([
      `Input 'required-calls', line 1 ("abcd"): this names 6 calls: ${ids
        .slice(0, 5)
        .map((id, i) => `GET /open-apis/demo/v1/n${i} (${id})`)
        .join(', ')}, ...: write its method and path instead.`
    ])
    const five = few(...ids.slice(0, 5).map((id, i) => `GET /open-apis/demo/v1/n${i} ${id} tenant demo:x`))
    expect(parseRequiredCalls('abcd', five).problems[0]).toMatch(/: this names 5 calls: .*\(ab_c_d\): write its method and path instead\.$/)
  })

  it('a call with nothing near it names none', () => {
    expect(read('GET /open-apis/zzzzzz/v9/qqqqqq/wwwwww/eeeeee').problems).toEqual([
      "Input 'required-calls', line 1 (\"GET /open-apis/zzzzzz/v9/qqqqqq/wwwwww/eeeeee\"): Feishu's API catalogue (of 2026-08-22) has no such call. " +
        "For a call the catalogue does not have (newer than it, or left out of it), list the scopes its documentation names in 'required-scopes' instead."
    ])
  })

  it('a line longer than 2048 characters is refused as such, before it is read', () => {
    const long = `GET /open-apis/im/v1/messages?q=${'x'.repeat(2048)}`
    expect(read(long).problems[0]).toMatch(/: it is longer than 2048 characters\.$/)
    expect(read(`GET /open-apis/im/v1/messages?q=${'x'.repeat(2048 - 32)}`).problems).toEqual([])
  })

  it('a user name or password is looked for in the URL that starts the line, with or without its method', () => {
    expect(read('https://bot:hunter2@open.feishu.cn/open-apis/im/v1/images').problems[0]).toContain('carries no user name or password')
    expect(read('POST http://bot:hunter2@open.feishu.cn/open-apis/im/v1/images').problems[0]).toContain('carries no user name or password')
    // An address with an '@' in the query is the query's, which is ignored.
    expect(read('GET /open-apis/im/v1/messages?next=https://bot@example.com').problems).toEqual([])
  })

  it('a call without a label has no label at all, not an empty one', () => {
    expect(parseRequiredCalls('im.v1.message.create', catalogue()).calls[0]).not.toHaveProperty('label')
    expect(parseRequiredCalls('im.v1.message.create #   ', catalogue()).calls[0]).not.toHaveProperty('label')
  })
})

describe('parseCalls, as the inputs read it', () => {
  const input = (given: Record<string, string> = {}): Input & { warnings: string[] } => {
    const warnings: string[] = []
    return {
      name: 'required-calls',
      default: '',
      warning: message => void warnings.push(message),
      given: name => given[name] ?? '',
      onRunner: true,
      warnings
    }
  }

  it('reads nothing, and warns, for a list of comments only; nothing at all for an empty one', () => {
    const commented = input()
    expect(parseCalls('# POST /open-apis/im/v1/messages\n', commented)).toEqual([])
    expect(commented.warnings).toEqual([expect.stringMatching(/^Input 'required-calls' has only comment lines/)])
    const empty = input()
    expect(parseCalls('  \n', empty)).toEqual([])
    expect(empty.warnings).toEqual([])
  })

  it('throws one InputError with every bad line, a line each', () => {
    expect(() => parseCalls('not a call\nGET /open-apis/authen/v1/user_info', input())).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/line 1 .*\nInput 'required-calls', line 2 /) })
    )
  })

  it('reads the calls when the region itself is wrong (that input says so): a URL is then not checked against it', () => {
    expect(parseCalls('POST https://open.feishu.cn/open-apis/im/v1/messages', input({ region: 'mars' }))).toHaveLength(1)
  })

  it("checks a URL's host against the region and base-url given", () => {
    expect(() => parseCalls('POST https://open.feishu.cn/open-apis/im/v1/messages', input({ region: 'lark' }))).toThrow(InputError)
    expect(parseCalls('POST https://open.larksuite.com/open-apis/im/v1/messages', input({ region: 'LARK' }))).toHaveLength(1)
  })
})
