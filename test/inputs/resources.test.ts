// 'required-access', read before any request: links, chat ids and KIND:ID, 'edit', labels after '#', the region a
// link belongs to, and every bad entry said at once, quoting it.
import { RESOURCE_KINDS as KINDS } from '../../src/feishu/kinds.js'
import { MAX_ENTRIES, linkHostProblem, parseAccess, parseRequiredAccess } from '../../src/inputs/resources.js'

const CHAT = 'oc_a0553eda9014c201e6969b478895c230'
const DOC = 'doxcnAbCd1234567890EfGhIjKlMn'
const OTHER_LINK =
  'this link is not to a chat, Base, document, spreadsheet, wiki page or space, Drive folder or file, mind note, presentation or Minutes recording.'

/** The one resource of a one-line input, or the test fails with the problems. */
function one(line: string) {
  const { resources, problems } = parseRequiredAccess(line)
  expect(problems).toEqual([])
  expect(resources).toHaveLength(1)
  return resources[0]!
}

/** The one problem of a one-line input. */
function problem(line: string): string {
  const { resources, problems } = parseRequiredAccess(line)
  expect(resources).toEqual([])
  // A line that cannot be read is followed by what a line may hold, said once for all of them.
  const [first, ...rest] = problems
  expect(rest).toEqual(rest.length === 0 ? [] : [expect.stringMatching(/^Input 'required-access' takes one resource a line/)])
  return first!
}

/** The region an input is read for: 'custom' is a custom base URL, where any https host is taken. */
type Region = 'feishu' | 'lark' | 'custom'
const read = (value: string, region: Region) => parseRequiredAccess(value, region === 'custom' ? undefined : region)
/** The resources of an input read for a region (Feishu's by default), or the test fails with the problems. */
function resourcesOf(value: string, region: Region = 'feishu') {
  const { resources, problems } = read(value, region)
  expect(problems).toEqual([])
  return resources
}
const problemsOf = (value: string, region: Region = 'feishu') => read(value, region).problems

describe('parseRequiredAccess: what a line names', () => {
  it.each([
    ['https://acme.feishu.cn/base/bascnAbc123?table=tbl1&view=vew1', 'base', 'bascnAbc123', 'acme.feishu.cn'],
    [`https://acme.feishu.cn/docx/${DOC}`, 'docx', DOC, 'acme.feishu.cn'],
    [`https://acme.feishu.cn/docx/${DOC}/`, 'docx', DOC, 'acme.feishu.cn'],
    ['https://acme.feishu.cn/base/bascnAbc123/', 'base', 'bascnAbc123', 'acme.feishu.cn'],
    ['https://acme.larksuite.com/sheets/shtcnXyZ?sheet=0b1c2d', 'sheet', 'shtcnXyZ', 'acme.larksuite.com'],
    ['https://acme.larkoffice.com/wiki/wikcnN0de', 'wiki', 'wikcnN0de', 'acme.larkoffice.com'],
    ['https://acme.feishu.cn/wiki/settings/7034502641455497244', 'wiki-space', '7034502641455497244', 'acme.feishu.cn'],
    ['https://acme.feishu.cn/drive/folder/fldcnF0lder', 'folder', 'fldcnF0lder', 'acme.feishu.cn'],
    ['HTTPS://ACME.Feishu.CN/docx/AbC', 'docx', 'AbC', 'acme.feishu.cn'],
    [`https://acme.feishu.cn/docx/${DOC}#heading-1`, 'docx', DOC, 'acme.feishu.cn'],
    ['https://acme.feishu.cn/wiki/space/7034502641455497244', 'wiki-space', '7034502641455497244', 'acme.feishu.cn'],
    ['https://acme.feishu.cn/docs/doccn1', 'doc', 'doccn1', 'acme.feishu.cn'],
    ['https://acme.feishu.cn/file/boxcn1', 'file', 'boxcn1', 'acme.feishu.cn'],
    ['https://acme.feishu.cn/mindnotes/bmncn1', 'mindnote', 'bmncn1', 'acme.feishu.cn'],
    ['https://acme.larksuite.com/slides/sldcn1', 'slides', 'sldcn1', 'acme.larksuite.com'],
    ['https://acme.feishu.cn/minutes/obcn1', 'minutes', 'obcn1', 'acme.feishu.cn'],
    [`https://applink.feishu.cn/client/chat/open?openChatId=${CHAT}`, 'chat', CHAT, 'applink.feishu.cn'],
    ['https://acme.feishu.cn./docx/AbC', 'docx', 'AbC', 'acme.feishu.cn.']
  ])('the link %s is a %s, %s, on %s', (line, kind, id, host) => {
    expect(one(line)).toEqual({ kind, id, edit: false, entry: line, host })
  })

  it('reads a percent-escaped token in a link', () => {
    expect(one('https://acme.feishu.cn/docx/Ab%43').id).toBe('AbC')
  })

  it.each([
    [CHAT, 'chat', CHAT],
    [`chat:${CHAT}`, 'chat', CHAT],
    ['base:bascnAbc123', 'base', 'bascnAbc123'],
    ['Base:bascnAbc123', 'base', 'bascnAbc123'],
    [`DOCX:${DOC}`, 'docx', DOC],
    ['docx:doxcn1', 'docx', 'doxcn1'],
    ['sheet:shtcnXyZ', 'sheet', 'shtcnXyZ'],
    ['wiki:wikcnN0de', 'wiki', 'wikcnN0de'],
    ['wiki-space:7034502641455497244', 'wiki-space', '7034502641455497244'],
    ['folder:fldcnF0lder', 'folder', 'fldcnF0lder'],
    ['calendar:feishu.cn_Ab12@group.calendar.feishu.cn', 'calendar', 'feishu.cn_Ab12@group.calendar.feishu.cn'],
    ['doc:doccn1', 'doc', 'doccn1'],
    ['file:boxcn1', 'file', 'boxcn1'],
    ['mindnote:bmncn1', 'mindnote', 'bmncn1'],
    ['slides:sldcn1', 'slides', 'sldcn1'],
    ['minutes:obcn1', 'minutes', 'obcn1']
  ])('%s is a %s with id %s, and no host', (line, kind, id) => {
    expect(one(line)).toEqual({ kind, id, edit: false, entry: line })
  })

  it("needs edit rights with 'edit' after it, in any case; the entry keeps it", () => {
    expect(one(`docx:${DOC} edit`)).toEqual({ kind: 'docx', id: DOC, edit: true, entry: `docx:${DOC} edit` })
    expect(one(`https://acme.feishu.cn/base/bascnAbc123   EDIT`)).toMatchObject({
      edit: true,
      entry: 'https://acme.feishu.cn/base/bascnAbc123 edit'
    })
    expect(one('calendar:feishu.cn_Ab12@group.calendar.feishu.cn Edit').edit).toBe(true)
  })

  it("takes a label after '#' at the start of a word; a '#' inside a link or an id is not one", () => {
    expect(one(`${CHAT} # Release chat `)).toEqual({ kind: 'chat', id: CHAT, edit: false, label: 'Release chat', entry: CHAT })
    expect(one(`docx:${DOC} edit\t#Spec #2`)).toMatchObject({ edit: true, label: 'Spec #2', entry: `docx:${DOC} edit` })
    expect(one(`https://acme.feishu.cn/docx/${DOC}#part # The spec`)).toMatchObject({
      label: 'The spec',
      entry: `https://acme.feishu.cn/docx/${DOC}#part`
    })
    expect(one(`${CHAT} #`)).not.toHaveProperty('label')
  })

  it("reads 'edit' in any case, keeps it in the entry, and takes the label after '#' (a '#' in a link is the link's)", () => {
    expect(resourcesOf('https://acme.feishu.cn/docx/D1#part EDIT   #  runbook # v2  ')).toEqual([
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

  it('reads one resource a line, skipping blank lines, with CRLF or LF', () => {
    const { resources, problems } = parseRequiredAccess(`\n  ${CHAT}  \r\n\r\n\tdocx:${DOC}\n   \n`)
    expect(problems).toEqual([])
    expect(resources.map(({ kind, entry }) => [kind, entry])).toEqual([
      ['chat', CHAT],
      ['docx', `docx:${DOC}`]
    ])
  })

  it('ignores blank lines, lines that are a comment, and a bare label-less #', () => {
    expect(resourcesOf('\n\n  oc_abc   #\n\r\n# oc_def # set aside\n   #another')).toEqual([
      { kind: 'chat', id: 'oc_abc', edit: false, entry: 'oc_abc' }
    ])
  })

  it('is empty for an empty input', () => {
    expect(parseRequiredAccess('')).toEqual({ resources: [], problems: [] })
  })
})

describe('parseRequiredAccess: what it refuses', () => {
  it('quotes the line and its number, and says what is expected', () => {
    const { problems } = parseRequiredAccess(`${CHAT}\n\nhello`)
    expect(problems).toEqual([
      `Input 'required-access', line 3 ("hello"): this is neither a link, a chat id (oc_...) nor KIND:ID.`,
      "Input 'required-access' takes one resource a line: a browser link to a Base (/base/TOKEN), document (/docx/ID, or a legacy /docs/ID), spreadsheet (/sheets/TOKEN), wiki page (/wiki/TOKEN), wiki space (/wiki/settings/ID), Drive folder (/drive/folder/TOKEN) or file (/file/TOKEN), mind note (/mindnotes/TOKEN), presentation (/slides/TOKEN) or Minutes recording (/minutes/TOKEN); a chat id (oc_...) or a chat's applink; or KIND:ID, with KIND one of chat, base, docx, sheet, wiki, wiki-space, folder, calendar, doc, file, mindnote, slides, minutes. Add 'edit' after it to need edit rights, and '# a name' to label it; a line that starts with '#' is a comment."
    ])
  })

  it.each([
    ['http://acme.feishu.cn/docx/AbC', 'links start with https://, not http://.'],
    ['ftp://acme.feishu.cn/docx/AbC', 'links start with https://, not ftp://.'],
    ['https://acme.feishu.cn:badport/docx/AbC', 'this is not a valid link.'],
    ['https://acme.feishu.cn/drive/home', OTHER_LINK],
    ['https://acme.feishu.cn/docx/AbC/history', 'this link is not to a chat, Base'],
    ['https://acme.feishu.cn/x/docx/AbC', 'this link is not to a chat, Base'],
    ['https://acme.feishu.cn/x/docs/doccnLegacy', 'this link is not to a chat, Base'],
    ['https://acme.feishu.cn/docx/%E0%A4%A', 'its path has a bad percent-escape.'],
    ['https://acme.feishu.cn/docx/Ab%20C', "a document's id is letters and digits, at most 64."],
    ['https://acme.feishu.cn/wiki/settings/abc', "a wiki space's id is digits, at most 32."],
    ['oc_', "a chat's id is 'oc_' followed by letters and digits, at most 64."],
    ['chat:xoc_abc', "a chat's id is 'oc_' followed by letters and digits, at most 64."],
    ['docx:https://acme.feishu.cn/docx/AbC', "a document's id is letters and digits, at most 64."],
    ['oc_abc-def', "a chat's id is 'oc_' followed by letters and digits, at most 64."],
    ['docs:AbC', '"docs" is not a kind this action checks: write it as doc:ID.'],
    ['bitable:AbC', '"bitable" is not a kind this action checks: write it as base:ID.'],
    ['base:', "a Base's id is letters and digits, at most 64."],
    ['base:Ab_C', "a Base's id is letters and digits, at most 64."],
    [`base:${'A'.repeat(65)}`, "a Base's id is letters and digits, at most 64."],
    ['wiki-space:70345x', "a wiki space's id is digits, at most 32."],
    ['calendar:-abc@group.calendar.feishu.cn', "a calendar's id is letters, digits and . _ @ -, at most 200"],
    ['calendar:abc/def', "a calendar's id is letters, digits and . _ @ -, at most 200"],
    // What an address bar, a Chinese input method or a hurried hand makes of a line, each with its own hint.
    [
      'acme.feishu.cn/docx/AbC',
      'this is neither a link, a chat id (oc_...) nor KIND:ID: a link starts with https://, copy the whole address.'
    ],
    ['https:/acme.feishu.cn/docx/AbC', 'a link starts with https:// (two slashes).'],
    ['http:/acme.feishu.cn/docx/AbC', 'a link starts with https:// (two slashes).'],
    ['folder/acme.feishu.cn/docx/AbC', 'this is neither a link, a chat id (oc_...) nor KIND:ID.'],
    ['https://acme.feishu.cn/drive/home#x', OTHER_LINK],
    [
      'base:Ab#c＃d',
      "a Base's id is letters and digits, at most 64. A label starts with the ASCII '#' after a space, not the full-width '＃'."
    ],
    [
      '::error::owned',
      'KIND:ID needs its kind before the colon, one of chat, base, docx, sheet, wiki, wiki-space, folder, calendar, doc, file, mindnote, slides, minutes.'
    ],
    ['base:AbC#tracker', "a Base's id is letters and digits, at most 64. A label needs a space before its '#'."],
    // A link pasted as the label, with no space before its '#': the '#' is still the label's, so the hint fits.
    ['base:AbC#https://acme.feishu.cn/base/AbC', "a Base's id is letters and digits, at most 64. A label needs a space before its '#'."],
    // A Markdown list pasted as it is.
    ['- oc_abc', "a list marker starts this line: write each resource on a line of its own, without '- ' before it."],
    ['* base:AbC', "a list marker starts this line: write each resource on a line of its own, without '- ' before it."],
    // A dash or a star further on is no list marker: the words after the resource are what is wrong.
    ['base:AbC - tracker', "one resource a line, and after it only the word 'edit' (and a label after '#')."],
    ['base:AbC * tracker', "one resource a line, and after it only the word 'edit' (and a label after '#')."],
    [
      'https://applink.feishu.cn/client/chat/open?chatId=oc_abc',
      "a link of this form names its chat in its 'openChatId' parameter, which this one lacks."
    ],
    // An alias is the advice, even for a name that is also a scope's; a kind that is neither gets neither.
    ['bitable:app', '"bitable" is not a kind this action checks: write it as base:ID.'],
    ['Todo:AbC', '"Todo" is not a kind this action checks.'],
    [
      `${CHAT} ＃ 发布群`,
      "one resource a line, and after it only the word 'edit' (and a label after '#'). A label starts with the ASCII '#' after a space, not the full-width '＃'."
    ],
    [
      `${CHAT}＃发布群`,
      "a chat's id is 'oc_' followed by letters and digits, at most 64. A label starts with the ASCII '#' after a space, not the full-width '＃'."
    ],
    [`${CHAT} please`, "one resource a line, and after it only the word 'edit' (and a label after '#')."],
    [`docx:${DOC} edit now`, "one resource a line, and after it only the word 'edit'"],
    [`${CHAT} edit`, "'edit' does not apply to a chat: the check is that the app's bot is in the chat. Leave 'edit' out."],
    ['wiki-space:7034 edit', "'edit' does not apply to a wiki space: the check is that the app can read it. Leave 'edit' out."],
    [
      'folder:fldcnF0lder edit',
      "'edit' does not apply to a Drive folder: no read-only call answers for edit rights on a folder, so the check is that the app can read it. Leave 'edit' out. To give the app edit rights on a folder, share the folder, with edit, with a group that holds the app's bot."
    ]
  ])('%s: %s', (line, expected) => {
    expect(problem(line)).toContain(`line 1 (${JSON.stringify(line)}): ${expected}`)
  })

  it.each([
    ['oc_abc#x', /a chat's id is 'oc_' followed by letters and digits/],
    ['https://user:pw@acme.feishu.cn/docx/D1', /no user name or password/],
    ['https://acme.feishu.cn/docx/D%ZZ', /bad percent-escape/],
    ['oc_a, oc_b', /one resource a line: put each on a line of its own/],
    ['im:message', /"im" is not a kind this action checks \(a permission scope, such as "im:message", goes in 'required-scopes'\)/]
  ])('%s: its own words, then what a line may hold', (entry, words) => {
    const [refused, expected, ...rest] = problemsOf(entry)
    expect(rest).toEqual([])
    expect(expected).toMatch(/^Input 'required-access' takes one resource a line/)
    expect(refused).toMatch(/^Input 'required-access', line 1 \(".*"\): /)
    expect(refused).toMatch(words)
  })

  it("says each line 'edit' does not apply to (a chat, a folder, a wiki space), at once, and what a line may hold once", () => {
    expect(problemsOf('oc_abc edit\nfolder:f1 edit\nwiki-space:1 edit\nbase:b1 edit')).toEqual([
      expect.stringMatching(
        /line 1 .*'edit' does not apply to a chat: the check is that the app's bot is in the chat\. Leave 'edit' out\./
      ),
      expect.stringMatching(/line 2 .*'edit' does not apply to a Drive folder: .* the check is that the app can read it/),
      expect.stringMatching(/line 3 .*'edit' does not apply to a wiki space/),
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
  })

  it.each([
    ['https://alice:s3cret@acme.feishu.cn/docx/AbC', 'https://***@acme.feishu.cn/docx/AbC'],
    ['https://alice@acme.feishu.cn/docx/AbC', 'https://***@acme.feishu.cn/docx/AbC'],
    ['https://:s3c@ret@acme.feishu.cn/docx/AbC # runbook', 'https://***@acme.feishu.cn/docx/AbC # runbook'],
    ['HTTPS:alice:s3cret@acme.feishu.cn/docx/AbC', 'HTTPS:***@acme.feishu.cn/docx/AbC'],
    ['ftp://alice:s3cret@acme.feishu.cn/docx/AbC', 'ftp://***@acme.feishu.cn/docx/AbC'],
    ['http:alice:s3cret@acme.feishu.cn/docx/AbC', 'http:***@acme.feishu.cn/docx/AbC'],
    // A password with a space in it: no valid URL, but pasted all the same.
    ['https://alice:s3cret pass@acme.feishu.cn/docx/AbC', 'https://***@acme.feishu.cn/docx/AbC']
  ])('refuses %s without repeating its user name or password: %s', (line, shown) => {
    const refused = problem(line)
    expect(refused).toContain(`line 1 (${JSON.stringify(shown)}): `)
    expect(refused).not.toMatch(/alice|s3c/)
  })

  it.each([
    ['https://acme.feishu.cn/drive/home#x', OTHER_LINK],
    [
      'base:Ab#c＃d',
      "a Base's id is letters and digits, at most 64. A label starts with the ASCII '#' after a space, not the full-width '＃'."
    ],
    ['base:Ab#c', "a Base's id is letters and digits, at most 64. A label needs a space before its '#'."],
    ['base:Ab/c', "a Base's id is letters and digits, at most 64."]
  ])('gives %s one hint at most, the one that fits: %s', (line, expected) => {
    expect(problem(line)).toBe(`Input 'required-access', line 1 (${JSON.stringify(line)}): ${expected}`)
  })

  it("hides the user name of any link on the line, a label's too, and keeps the rest of the label as written", () => {
    const refused = problem('base:Ab/C # from https://alice:pw@example.com, ask bob@example.com')
    expect(refused).toContain('line 1 ("base:Ab/C # from https://***@example.com, ask bob@example.com")')
    expect(refused).not.toMatch(/alice|pw@/)
  })

  it("keeps a port's link and a label's e-mail address as they are: only a user name and password are hidden", () => {
    expect(problem('https://localhost:8080/x # ask bob@example.com')).toContain('line 1 ("https://localhost:8080/x # ask bob@example.com")')
  })

  it("keeps a calendar id's '@' as it is: it is no link's user name", () => {
    expect(problem('calendar:feishu.cn_x@group.calendar.feishu.cn edit now')).toContain(
      'line 1 ("calendar:feishu.cn_x@group.calendar.feishu.cn edit now")'
    )
  })

  it.each([
    'https://acme.feishu.cn/wiki/settings',
    'https://acme.feishu.cn/wiki/settings/',
    'https://acme.feishu.cn/wiki/space',
    'https://acme.feishu.cn/wiki/space?from=x'
  ])('%s is a wiki space link cut short, not a wiki page: refused with where to find the id', line => {
    expect(problem(line)).toContain("this wiki space link has no space id: open the space's settings and copy the whole address")
  })

  it.each(['/base/B1', '/docx/D1', '/sheets/S1', '/wiki/W1', '/wiki/settings/7034', '/drive/folder/F1'])(
    'reads %s only as the whole path: nothing before it, nothing after it but a slash',
    path => {
      expect(one(`https://acme.feishu.cn${path}/`).id).toMatch(/^[A-Z]1$|^7034$/)
      expect(problem(`https://acme.feishu.cn/x${path}`)).toContain('this link is not to a chat, Base')
      expect(problem(`https://acme.feishu.cn${path}/history`)).toContain('this link is not to a chat, Base')
    }
  )

  it('takes ids up to their longest and refuses one character more', () => {
    const longest: Array<[string, string]> = [
      ['chat', `oc_${'a'.repeat(64)}`],
      ['docx', 'A'.repeat(64)],
      ['wiki-space', '7'.repeat(32)],
      ['calendar', `a${'b'.repeat(199)}`]
    ]
    for (const [kind, id] of longest) {
      expect(one(`${kind}:${id}`).id).toBe(id)
      expect(problem(`${kind}:${id}x`.replace('7x', '77'))).toContain(`a ${KINDS[kind as 'chat'].noun}'s id is`)
    }
  })

  it('refuses a line longer than 2048 characters without reading it', () => {
    const label = (length: number) => `${CHAT} # ${'x'.repeat(length - CHAT.length - 3)}`
    expect(one(label(2048)).label).toHaveLength(2048 - CHAT.length - 3)
    expect(problem(label(2049))).toContain('): it is longer than 2048 characters.')
  })

  it(`takes at most ${MAX_ENTRIES} entries, to stay inside Feishu's rate limits`, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `base:B${i}`).join('\n')
    expect(parseRequiredAccess(lines(50)).problems).toEqual([])
    expect(parseRequiredAccess(lines(51)).problems).toEqual([
      "Input 'required-access' has 51 entries: at most 50, so that the checks stay inside Feishu's rate limits. Check the resources the workflow really uses."
    ])
  })

  it('refuses the same resource named again, however it is written, naming the line it was first on', () => {
    const { problems } = parseRequiredAccess(`https://acme.feishu.cn/docx/${DOC}\ndocx:${DOC} edit\nsheet:${DOC}\nbase:${DOC}`)
    expect(problems).toEqual([
      `Input 'required-access', line 2 ("docx:${DOC} edit") names the same document as line 1: list it once, with 'edit' if it must be editable.`
    ])
    // 'edit' is offered only where it applies.
    expect(parseRequiredAccess(`${CHAT}\nchat:${CHAT} # again`).problems).toEqual([
      `Input 'required-access', line 2 ("chat:${CHAT} # again") names the same chat as line 1: list it once.`
    ])
  })

  it('names the line a resource was first on for each repeat, even in two forms', () => {
    expect(problemsOf('https://acme.feishu.cn/base/b1\nbase:b1 edit\nbase:b1')).toEqual([
      expect.stringMatching(/^Input 'required-access', line 2 \("base:b1 edit"\) names the same Base as line 1: list it once/),
      expect.stringMatching(/^Input 'required-access', line 3 \("base:b1"\) names the same Base as line 1/)
    ])
  })

  it('reports every bad line, each by its number', () => {
    const { resources, problems } = parseRequiredAccess(`bad\n${CHAT}\nworse`)
    expect(resources).toHaveLength(1)
    expect(problems.flatMap(p => /line (\d+)/.exec(p)?.[1] ?? [])).toEqual(['1', '3'])
  })
})

describe('parseAccess', () => {
  it("warns that a list of only '#' lines names nothing, and checks nothing", () => {
    const warnings: string[] = []
    const input = { name: 'required-access', default: '', warning: (m: string) => void warnings.push(m), given: () => '', onRunner: true }
    expect(parseAccess(`# ${CHAT}\n\n  # base:AbC`, input)).toEqual([])
    expect(warnings).toEqual([
      "Input 'required-access' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked."
    ])
  })
})

describe('linkHostProblem', () => {
  it.each(['acme.feishu.cn', 'feishu.cn', 'ACME.Feishu.CN', 'acme.feishu.cn.', 'acme.larkoffice.com', 'acme.sg.larkoffice.com'])(
    '%s suits a Feishu app',
    host => {
      expect(linkHostProblem(host, 'feishu')).toBeUndefined()
    }
  )

  it.each(['acme.larksuite.com', 'larksuite.com', 'acme.larkoffice.com', 'acme.sg.larkoffice.com'])('%s suits a Lark app', host => {
    expect(linkHostProblem(host, 'lark')).toBeUndefined()
  })

  it('names the region of a link of the other one, and the setting that fits it', () => {
    expect(linkHostProblem('acme.larksuite.com', 'feishu')).toBe(
      "it is a Lark link, but 'region' is 'feishu' (Feishu): an app reaches only the resources of its own region; set `region: lark` if the app is a Lark app."
    )
    expect(linkHostProblem('acme.feishu.cn', 'lark')).toBe(
      "it is a Feishu link, but 'region' is 'lark' (Lark): an app reaches only the resources of its own region; set `region: feishu` if the app is a Feishu app."
    )
  })

  it("names 'base-url' when the region comes from it: 'region' cannot change where requests go then", () => {
    expect(linkHostProblem('acme.feishu.cn', 'lark', 'https://open.larksuite.com')).toBe(
      "it is a Feishu link, but 'base-url' is 'https://open.larksuite.com' (Lark): an app reaches only the resources of its own region; set 'base-url' to 'https://open.feishu.cn' if the app is a Feishu app."
    )
  })

  it.each(['evilfeishu.cn', 'feishu.cn.evil.example', 'docs.example.com', 'larksuite.community'])(
    '%s is under none of the known domains',
    host => {
      expect(linkHostProblem(host, 'feishu')).toBe(
        `its host ${host} is not under feishu.cn, larksuite.com or larkoffice.com, which serve tenants' documents (with a custom 'base-url', any https host is taken).`
      )
    }
  )

  it('takes any host with a custom base URL (no region)', () => {
    expect(linkHostProblem('docs.example.com', undefined)).toBeUndefined()
    expect(linkHostProblem('acme.larksuite.com', undefined)).toBeUndefined()
  })
})

describe('parseRequiredAccess: the region a link belongs to', () => {
  it('a link of the other region is a problem of its line, with a custom base URL any https host is fine', () => {
    expect(problemsOf('https://acme.larksuite.com/docx/d1')).toEqual([
      expect.stringMatching(/^Input 'required-access', line 1 .*Lark link/)
    ])
    expect(resourcesOf('https://docs.example.com/docx/d1', 'custom')).toHaveLength(1)
    expect(problemsOf('https://docs.example.com/docx/d1')).toEqual([
      expect.stringMatching(/its host docs\.example\.com is not under feishu\.cn/)
    ])
  })
})
