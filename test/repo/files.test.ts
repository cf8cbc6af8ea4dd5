// The repository's own files: the changelog, the security policy, contributing notes and licence; dependabot; the one
// Node version everywhere; no private key committed; and an action that needs no GitHub token.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT, readActionYml } from '../../harness/run-action.js'
import { sourceFiles } from '../support/source.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const action = readActionYml()

describe('repository files', () => {
  it.each(['CHANGELOG.md', 'SECURITY.md', 'CONTRIBUTING.md', 'LICENSE'])('has %s', file => {
    expect(read(file).length).toBeGreaterThan(200)
  })

  it('the changelog is Keep a Changelog style and has notes for the version in package.json', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toContain('## [Unreleased]')
    expect(changelog).toContain(`## [${JSON.parse(read('package.json')).version}] - `)
  })

  it("dependabot updates npm and the workflows' actions, grouped", () => {
    const config = parse(read('.github/dependabot.yml'))
    expect(config.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) expect(Object.keys(update.groups ?? {})).toHaveLength(1)
  })

  it('marks dist/ as generated', () => {
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* linguist-generated=true/m)
  })

  it("targets the Node of action.yml only: .node-version, @types/node and the project's own Node agree", () => {
    const pkg = JSON.parse(read('package.json'))
    const major = action.runs.using.replace(/^node/, '')
    expect(read('.node-version').trim()).toBe(major)
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${major}\\.`))
    expect(pkg.devDependencies.node).toMatch(new RegExp(`^\\^${major}\\.`))
  })

  it('commits no private key: the test certificates are made when the tests start', () => {
    const marker = ['PRIVATE', 'KEY-----'].join(' ')
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(tracked.filter(file => read(file).includes(marker))).toEqual([])
    expect(read('.gitignore')).toContain('harness/.tls/')
  })
})

it('the action needs no GitHub token: nothing in src reads one or calls the GitHub API', () => {
  for (const file of sourceFiles()) {
    expect([file, read(file)]).not.toEqual([
      file,
      expect.stringMatching(/GITHUB_TOKEN|github\.token|api\.github\.com|@actions\/github|octokit/i)
    ])
  }
})
