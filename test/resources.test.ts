// 'required-access', read before any request: links, chat ids and KIND:ID, 'edit', labels after '#', the region a
// link belongs to, and every bad entry said at once, quoting it.
import { RESOURCE_KINDS as KINDS, resourceName } from '../src/feishu/kinds.js'
import { linkHostProblem, parseRequiredAccess } from '../src/inputs/resources.js'

type Region = 'feishu' | 'lark' | 'custom'
const regionOf = (region: Region) => (region === 'custom' ? undefined : region)
const ok = (value: string, region: Region = 'feishu') => {
  const { resources, problems } = parseRequiredAccess(value, regionOf(region))
  expect(problems).toEqual([])
  return resources
}
const problems = (value: string, region: Region = 'feishu') => parseRequiredAccess(value, regionOf(region)).problems

describe('entries', () => {
  it.each([
    ['https://acme.feishu.cn/base/bascnAbc123?table=tblX&view=vewY', 'base', 'bascnAbc123'],
    ['https://acme.feishu.cn/base/bascnAbc123/', 'base', 'bascnAbc123'],
    ['https://acme.feishu.cn/docx/AnjPtuBOM5sVoeInkALWWbosIk3', 'docx', 'AnjPtuBOM5sVoeInkALWWbosIk3'],
    ['https://acme.feishu.cn/sheets/shtcnX1?sheet=0b1', 'sheet', 'shtcnX1'],
    ['https://acme.feishu.cn/wiki/wikcnNode1', 'wiki', 'wikcnNode1'],
    ['https://acme.feishu.cn/wiki/settings/7257147468238886802', 'wiki-space', '7257147468238886802'],
    ['https://acme.feishu.cn/drive/folder/fldcnF1', 'folder', 'fldcnF1'],
    ['https://acme.larkoffice.com/docx/D1#heading', 'docx', 'D1'],
    ['oc_96ce72da5955ef8c921b2e15f9ab6b8f', 'chat', 'oc_96ce72da5955ef8c921b2e15f9ab6b8f'],
    ['chat:oc_abc', 'chat', 'oc_abc'],
    ['BASE:bascn1', 'base', 'bascn1'],
    ['calendar:feishu.cn_xxx@group.calendar.feishu.cn', 'calendar', 'feishu.cn_xxx@group.calendar.feishu.cn'],
    ['wiki-space:123', 'wiki-space', '123'],
    ['folder:fldcn1', 'folder', 'fldcn1'],
    ['sheet:shtcn1', 'sheet', 'shtcn1'],
    ['wiki:wikcn1', 'wiki', 'wikcn1'],
    ['docx:doxcn1', 'docx', 'doxcn1']
  ])('%s is a %s', (entry, kind, id) => {
    expect(ok(entry)).toEqual([expect.objectContaining({ kind, id, edit: false, entry })])
  })

  it("reads 'edit' in any case, keeps it in the entry, and takes the label after '#' (a '#' in a link is the link's)", () => {
    expect(ok('https://acme.feishu.cn/docx/D1#part EDIT   #  runbook # v2  ')).toEqual([
      {
        kind: 'docx',
        id: 'D1',
        edit: true,
        label: 'runbook # v2',
        entry: 'https://acme.feishu.cn/docx/D1#part edit',
        host: 'acme.feishu.cn'
      }
    ])
  })

  it('ignores blank lines, lines that are a comment, and a bare label-less #', () => {
    expect(ok('\n\n  oc_abc   #\n\r\n# oc_def # set aside\n   #another')).toEqual([
      { kind: 'chat', id: 'oc_abc', edit: false, entry: 'oc_abc' }
    ])
  })

  it('names a resource by its label, kind and id, the label quoted', () => {
    expect(resourceName({ kind: 'chat', id: 'oc_1', label: 'release "chat"' })).toBe('"release \\"chat\\"" (chat oc_1)')
    expect(resourceName({ kind: 'base', id: 'b1' })).toBe('Base b1')
  })
})

describe('bad entries, each quoted with what is expected, all at once', () => {
  it.each([
    ['oc_abc#x', /a chat's id is 'oc_' followed by letters and digits/],
    ['bascnAbc', /neither a link, a chat id \(oc_\.\.\.\) nor KIND:ID/],
    ['http://acme.feishu.cn/docx/D1', /links start with https:\/\/, not http:\/\//],
    ['https://user:pw@acme.feishu.cn/docx/D1', /no user name or password/],
    ['https://acme.feishu.cn/docs/doccn1', /legacy documents \(\/docs\/\)/],
    ['https://acme.feishu.cn/minutes/obcn1', /not to a Base, document/],
    ['https://acme.feishu.cn/docx/D1/extra', /not to a Base, document/],
    ['https://acme.feishu.cn/docx/D%ZZ', /bad percent-escape/],
    ['https://acme.feishu.cn/docx/D-1', /a document's id is letters and digits/],
    ['chat:abc', /a chat's id is 'oc_' followed by letters and digits/],
    ['oc_', /a chat's id/],
    ['wiki-space:abc', /a wiki space's id is digits/],
    ['calendar:a b', /one resource a line, and after it only the word 'edit'/],
    ['oc_a, oc_b', /one resource a line: put each on a line of its own/],
    ['im:message', /"im" is not a kind this action checks \(a permission scope, such as "im:message", goes in 'required-scopes'\)/],
    ['https://acme.feishu.cn/file/boxcn1', /legacy documents \(\/docs\/\) and uploaded files/],
    ['team:1', /"team" is not a kind this action checks/],
    [`docx:${'a'.repeat(65)}`, /letters and digits/],
    [`https://acme.feishu.cn/docx/${'a'.repeat(2100)}`, /longer than 2048 characters/]
  ])('%s', (entry, words) => {
    const [problem, expected, ...rest] = problems(entry)
    expect(rest).toEqual([])
    expect(expected).toMatch(/^Input 'required-access' takes one resource a line/)
    expect(problem).toMatch(/^Input 'required-access', line 1 \(".*"\): /)
    expect(problem).toMatch(words)
  })

  it('edit on a chat, a folder or a wiki space', () => {
    expect(problems('oc_abc edit\nfolder:f1 edit\nwiki-space:1 edit\nbase:b1 edit')).toEqual([
      expect.stringMatching(
        /line 1 .*'edit' does not apply to a chat: the check is that the app's bot is in the chat\. Leave 'edit' out\./
      ),
      expect.stringMatching(/line 2 .*'edit' does not apply to a Drive folder: the check is that the app can read it/),
      expect.stringMatching(/line 3 .*'edit' does not apply to a wiki space/),
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })

  it('the same resource twice, even in two forms', () => {
    expect(problems('https://acme.feishu.cn/base/b1\nbase:b1 edit\nbase:b1')).toEqual([
      expect.stringMatching(/^Input 'required-access', line 2 \("base:b1 edit"\) names the same Base as line 1: list it once/),
      expect.stringMatching(/^Input 'required-access', line 3 \("base:b1"\) names the same Base as line 1/)
    ])
  })

  it('at most 50 entries', () => {
    const lines = Array.from({ length: 51 }, (_, n) => `docx:d${n}`).join('\n')
    expect(problems(lines)).toEqual([expect.stringMatching(/^Input 'required-access' has 51 entries: at most 50/)])
    expect(ok(Array.from({ length: 50 }, (_, n) => `docx:d${n}`).join('\n'))).toHaveLength(50)
  })

  it('counts lines as written, blank ones too', () => {
    expect(problems('\n\nbad')).toEqual([
      expect.stringMatching(/^Input 'required-access', line 3 \("bad"\)/),
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })
})

describe('the region a link belongs to', () => {
  it.each([
    ['acme.feishu.cn', 'feishu', undefined],
    ['feishu.cn', 'feishu', undefined],
    ['acme.larksuite.com', 'lark', undefined],
    ['acme.larkoffice.com', 'feishu', undefined],
    ['acme.sg.larkoffice.com', 'lark', undefined],
    ['ACME.FEISHU.CN', 'feishu', undefined],
    ['acme.feishu.cn', 'lark', /it is a Feishu link, but 'region' is 'lark' \(Lark\).*set `region: feishu`/],
    ['acme.larksuite.com', 'feishu', /it is a Lark link, but 'region' is 'feishu' \(Feishu\).*set `region: lark`/],
    ['notfeishu.cn', 'feishu', /its host notfeishu\.cn is not under feishu\.cn, larksuite\.com or larkoffice\.com/],
    ['feishu.cn.evil.example', 'feishu', /is not under feishu\.cn/],
    ['docs.example.com', undefined, undefined]
  ] as const)('%s with region %s', (host, region, words) => {
    const problem = linkHostProblem(host, region)
    if (words) expect(problem).toMatch(words)
    else expect(problem).toBeUndefined()
  })

  it('a link of the other region is a problem of its line, with a custom base URL any https host is fine', () => {
    expect(problems('https://acme.larksuite.com/docx/d1')).toEqual([expect.stringMatching(/^Input 'required-access', line 1 .*Lark link/)])
    expect(ok('https://docs.example.com/docx/d1', 'custom')).toHaveLength(1)
    expect(problems('https://docs.example.com/docx/d1')).toEqual([
      expect.stringMatching(/its host docs\.example\.com is not under feishu\.cn/)
    ])
  })
})

it('each kind has the scopes of its read call, and a pace only where a run can reach its limit', () => {
  expect(KINDS.docx.perSecond).toBe(5)
  expect(KINDS.base.perSecond).toBe(20)
  for (const kind of Object.values(KINDS)) expect(kind.scopes.length).toBeGreaterThan(0)
})
