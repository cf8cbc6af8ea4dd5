// The parsers several list inputs share (src/inputs/values.ts): how a line is quoted without its link's password, and
// when a list names nothing.
import { type Input, namesNothing, withoutUserInfo } from '../../src/inputs/values.js'

describe('withoutUserInfo: a quoted line hides what sits before the last @ of each link', () => {
  it.each([
    ['https://bot:pa55@example.feishu.cn/base/X', 'https://***@example.feishu.cn/base/X'],
    ['http://bot:pa55@example.feishu.cn', 'http://***@example.feishu.cn'],
    // The forms a URL parser takes for http and https: no slashes, backslashes, one slash.
    ['https:bot:pa55@example.feishu.cn', 'https:***@example.feishu.cn'],
    ['HTTPS:\\\\bot:pa55@example.feishu.cn', 'HTTPS:\\\\***@example.feishu.cn'],
    ['https:/bot:pa/55@example.feishu.cn', 'https:/***@example.feishu.cn'],
    // Any scheme with //.
    ['ssh://git:pa55@example.com/repo', 'ssh://***@example.com/repo'],
    ['svn+ssh://git:pa55@example.com', 'svn+ssh://***@example.com'],
    // After a label, and every link of the line.
    ['Sales https:bot:pa55@a.feishu.cn and http:\\\\u:p@b.feishu.cn', 'Sales https:***@a.feishu.cn and http:\\\\***@b.feishu.cn']
  ])('%s', (line, quoted) => {
    expect(withoutUserInfo(line)).toBe(quoted)
  })

  it.each([
    // A password with a space in it, up to the @ before a host with a dot.
    ['https://bot:pa 55@example.feishu.cn/base/X', 'https://***@example.feishu.cn/base/X'],
    ['Sales http:\\\\bot:pa 55@example.feishu.cn', 'Sales http:\\\\***@example.feishu.cn'],
    ['Sales https:bot:pa 55@example.feishu.cn', 'Sales https:***@example.feishu.cn'],
    ['Repo ssh://git:pa 55@example.com', 'Repo ssh://***@example.com'],
    ['Repo s3://key:se cret@bucket.example.com', 'Repo s3://***@bucket.example.com'],
    ['Repo git+ssh://git:pa 55@example.com', 'Repo git+ssh://***@example.com']
  ])('%s (a password with a space)', (line, quoted) => {
    expect(withoutUserInfo(line)).toBe(quoted)
  })

  it.each([
    'calendar:feishu.cn_abc@group.calendar.feishu.cn',
    'On-call team@example.com chat:oc_0123456789abcdef0123456789abcdef',
    'https://example.feishu.cn/base/X mail me@example.com'
  ])('leaves an @ that is no link’s: %s', line => {
    expect(withoutUserInfo(line)).toBe(line)
  })
})

describe('namesNothing: a list whose every line is blank or a comment', () => {
  const input = (warnings: string[]): Pick<Input, 'name' | 'warning'> => ({
    name: 'required-scopes',
    warning: message => warnings.push(message)
  })

  it('is true for an empty or blank list, with no warning', () => {
    const warnings: string[] = []
    expect(namesNothing('', input(warnings))).toBe(true)
    expect(namesNothing(' \n\t\r\n ', input(warnings))).toBe(true)
    expect(warnings).toEqual([])
  })

  it('is true for comments only, indented or not, on any line ending, and warns that nothing is checked', () => {
    const warnings: string[] = []
    expect(namesNothing('  # im:chat:readonly\r\n\t# docx:document\n', input(warnings))).toBe(true)
    expect(warnings).toEqual([
      "Input 'required-scopes' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked."
    ])
  })

  it('is false once any line names something, after a comment on its own line', () => {
    const warnings: string[] = []
    expect(namesNothing('# the bot\nim:chat:readonly', input(warnings))).toBe(false)
    expect(namesNothing('# the bot\r\nim:chat:readonly', input(warnings))).toBe(false)
    expect(warnings).toEqual([])
  })
})
