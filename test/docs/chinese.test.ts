// The Chinese README and troubleshooting page stay in step with the English ones: the same YAML examples (compared
// once parsed, so that comments may be translated), every input and output named, every code of the troubleshooting
// table there, and each links to the other.
import MarkdownIt from 'markdown-it'
import { parse } from 'yaml'
import { readActionYml } from '../../harness/run-action.js'
import { readDoc, tableAfter } from '../support/docs.js'

/** The fenced blocks of a language in a page, in order. */
const blocksOf = (markdown: string, language: RegExp): string[] =>
  new MarkdownIt()
    .parse(markdown, {})
    .filter(token => token.type === 'fence' && language.test(token.info))
    .map(token => token.content)

/** Every `code` in backticks of a table row that holds a number: the codes a troubleshooting table explains. */
const codesIn = (markdown: string): string[] =>
  [
    ...new Set(
      markdown
        .split('\n')
        .filter(line => line.startsWith('| '))
        .flatMap(line => [...line.matchAll(/`(\d{5,10})`/g)].map(([, code]) => code!))
    )
  ].sort()

const english = readDoc('README.md')
const chinese = readDoc('README.zh-CN.md')
const action = readActionYml()

describe('README.zh-CN.md', () => {
  it('links to the English README in its first lines, and the English one to it', () => {
    expect(chinese.split('\n').slice(0, 4).join('\n')).toContain('](README.md)')
    expect(english.split('\n').slice(0, 4).join('\n')).toContain('](README.zh-CN.md)')
  })

  it("has the English README's YAML examples, the same once parsed, in the same order", () => {
    const yaml = /^ya?ml\b/
    expect(blocksOf(chinese, yaml).map(text => parse(text))).toEqual(blocksOf(english, yaml).map(text => parse(text)))
    expect(blocksOf(english, yaml).length).toBeGreaterThanOrEqual(3)
  })

  it("has the English README's commands", () => {
    expect(blocksOf(chinese, /^sh\b/)).toEqual(blocksOf(english, /^sh\b/))
  })

  it('names every input in its inputs table, and every output in its outputs table, in the order of action.yml', () => {
    const names = (heading: string) => tableAfter(chinese, heading).map(([name]) => name!.replace(/^`|`$/g, ''))
    expect(names('## 输入')).toEqual(Object.keys(action.inputs))
    expect(names('## 输出')).toEqual(Object.keys(action.outputs))
  })

  it('is in Chinese, and at most 300 lines', () => {
    expect(chinese.split('\n').length).toBeLessThanOrEqual(300)
    expect((chinese.match(/\p{Script=Han}/gu) ?? []).length).toBeGreaterThan(1000)
  })
})

describe('docs/zh-CN/troubleshooting.md', () => {
  const page = readDoc('docs/zh-CN/troubleshooting.md')
  const table = readDoc('docs/troubleshooting.md')

  it('has a row for every code of the English table', () => {
    expect(codesIn(table).length).toBeGreaterThan(40)
    expect(codesIn(page)).toEqual(codesIn(table))
  })

  it('has a row for every state of an app the English table has', () => {
    const states = (markdown: string) => [...new Set([...markdown.matchAll(/activate_status (\d)/g)].map(([, n]) => n))].sort()
    expect(states(page)).toEqual(states(table))
  })

  it('links back to the English page and to the Chinese README', () => {
    expect(page).toContain('](../troubleshooting.md)')
    expect(page).toContain('](../../README.zh-CN.md)')
    expect(table).toContain('](zh-CN/troubleshooting.md)')
  })
})
