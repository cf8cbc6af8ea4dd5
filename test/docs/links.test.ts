// Every relative link of the documentation goes somewhere: to a file of the repository, and for a heading, to a
// heading that file has, by GitHub's anchors.
import { existsSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { ROOT } from '../../harness/run-action.js'
import { DOC_FILES, readDoc } from '../support/docs.js'

/** GitHub's anchor of a heading: lowercase, punctuation dropped (letters of every script, digits, hyphens kept), spaces as hyphens. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-')

const anchorsOf = (markdown: string): Set<string> =>
  new Set([...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => slug(heading!.trim())))

/** The relative links of a Markdown page (not inside code), as [target file, anchor]. */
function linksOf(path: string): Array<{ target: string; anchor?: string; written: string }> {
  const text = readDoc(path)
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, href]) => href!)
    .filter(href => !/^[a-z]+:/i.test(href))
    .map(href => {
      const [file, anchor] = href.split('#') as [string, string | undefined]
      const target =
        file === ''
          ? path
          : normalize(join(dirname(path), file))
              .split('\\')
              .join('/')
      return { target, written: href, ...(anchor !== undefined && { anchor }) }
    })
}

const pages = [...DOC_FILES, 'CONTRIBUTING.md', 'catalogue/README.md']

it('reads the READMEs, docs/ and its Chinese pages', () => {
  expect(DOC_FILES).toEqual(
    expect.arrayContaining(['README.md', 'README.zh-CN.md', 'docs/troubleshooting.md', 'docs/zh-CN/troubleshooting.md'])
  )
  expect(DOC_FILES.length).toBeGreaterThanOrEqual(14)
})

it.each(pages)('%s: every relative link resolves to a file, and a heading to an anchor that file has', path => {
  const broken = linksOf(path).filter(({ target, anchor }) => {
    if (!existsSync(join(ROOT, target))) return true
    return anchor !== undefined && target.endsWith('.md') && !anchorsOf(readDoc(target)).has(anchor)
  })
  expect(broken.map(({ written }) => written)).toEqual([])
})

it('the check finds a broken link and a missing anchor (the check checks)', () => {
  expect(slug('Try it locally, with no account')).toBe('try-it-locally-with-no-account')
  expect(slug('快速开始')).toBe('快速开始')
  expect(anchorsOf('# A\n## B c\n```\n# not a heading\n```\n').has('not-a-heading')).toBe(false)
  expect(linksOf('README.md').length).toBeGreaterThan(15)
  expect(pathsNamed('CONTRIBUTING.md').length).toBeGreaterThan(20)
})

/** The repository paths a page names in code spans (`src/feishu/transport.ts`), by the folders of this repository. */
function pathsNamed(path: string): string[] {
  return [...readDoc(path).matchAll(/`((?:src|test|bench|scripts|harness|catalogue|docs|shims)\/[^`\s]+)`/g)].map(([, named]) => named!)
}

it.each([...pages, 'SECURITY.md', 'shims/README.md'])('%s: every path of this repository it names in code exists', path => {
  const missing = pathsNamed(path)
    .map(named => named.split('#')[0]!.replace(/[.,:;]$/, ''))
    .filter(named => !named.includes('*') && !existsSync(join(ROOT, named)))
  expect(missing).toEqual([])
})
