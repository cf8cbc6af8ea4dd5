// The release scripts, run for real on a scratch git repository holding this one's release-relevant files:
// a release pins the reusable workflow to the action of the same release, and the check refuses anything else.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/run-action.js'

const FILES = [
  'scripts/release.sh',
  'scripts/release-notes.sh',
  'scripts/check-release.sh',
  'CHANGELOG.md',
  'package.json',
  'package-lock.json',
  'action.yml',
  'dist',
  '.github/workflows/scope-gate.yml'
]
let repo: string
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Release Test', '-c', 'user.email=release@test.invalid', ...args], {
    cwd: repo,
    encoding: 'utf8'
  }).trim()
const script = (name: string, ...args: string[]) =>
  spawnSync('bash', [join(repo, 'scripts', name), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Release Test',
      GIT_AUTHOR_EMAIL: 'release@test.invalid',
      GIT_COMMITTER_NAME: 'Release Test',
      GIT_COMMITTER_EMAIL: 'release@test.invalid'
    }
  })
const workflowAt = (ref: string) => git('show', `${ref}:.github/workflows/scope-gate.yml`)

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'release-'))
  for (const file of FILES) cpSync(join(ROOT, file), join(repo, file), { recursive: true })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', 'start')
})
afterEach(() => rmSync(repo, { recursive: true, force: true }))

it('releases the version package.json has: one commit pinning scope-gate.yml to the action, tagged', () => {
  const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version as string
  const start = git('rev-parse', 'HEAD')
  const result = script('release.sh', version)
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  expect(git('rev-parse', `v${version}^{commit}`)).toBe(git('rev-parse', 'HEAD'))
  expect(git('rev-parse', 'HEAD~1')).toBe(start)
  expect(workflowAt(`v${version}`)).toContain(`uses: feishu-actions/tenant-token-action@${start}  # v${version}\n`)
  expect(git('diff', '--name-only', start, `v${version}`)).toBe('.github/workflows/scope-gate.yml')
})

it('a new version: bumps package.json first, pins the workflow to that commit, and the check passes', () => {
  // A new section above the latest release; whatever is under Unreleased stays there.
  const changelog = readFileSync(join(repo, 'CHANGELOG.md'), 'utf8').replace(
    /\n## \[\d/,
    heading => `\n## [1.1.0] - 2026-12-01\n\n### Fixed\n\n- Something.\n${heading}`
  )
  writeFileSync(join(repo, 'CHANGELOG.md'), changelog)
  git('commit', '-q', '-am', 'notes')
  expect(script('release.sh', '1.1.0').status).toBe(0)
  const bump = git('rev-parse', 'v1.1.0~1')
  expect(git('log', '-1', '--format=%s', bump)).toBe('Release 1.1.0')
  expect(JSON.parse(git('show', 'v1.1.0:package.json')).version).toBe('1.1.0')
  expect(workflowAt('v1.1.0')).toContain(`uses: feishu-actions/tenant-token-action@${bump}  # v1.1.0\n`)
  expect(script('check-release.sh', 'v1.1.0').stdout).toMatch(/^v1\.1\.0: a release commit/)
  expect(script('release-notes.sh', '1.1.0').stdout).toBe('### Fixed\n\n- Something.\n')
})

it('refuses a version with no notes in CHANGELOG.md, and tags nothing', () => {
  const result = script('release.sh', '7.0.0')
  expect(result.status).toBe(1)
  expect(result.stderr).toContain("CHANGELOG.md has no notes under '## [7.0.0]'")
  expect(git('tag', '--list')).toBe('')
})

it('the check refuses a tag whose reusable workflow would run a different action', () => {
  const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version as string
  expect(script('release.sh', version).status).toBe(0)
  writeFileSync(join(repo, 'dist', 'index.cjs'), '// something else\n')
  git('commit', '-q', '-am', 'changed after the pin')
  git('tag', '-f', '-a', `v${version}`, '-m', 'moved')
  const result = script('check-release.sh', `v${version}`)
  expect(result.status).toBe(1)
  expect(result.stderr).toMatch(/the action at [0-9a-f]{40} \(which scope-gate\.yml runs\) differs from the action at the tag/)
})

it('the check refuses a tag whose reusable workflow runs the action by a moving tag', () => {
  git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0')
  const result = script('check-release.sh', 'v1.0.0')
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('scope-gate.yml does not run the action at a full commit SHA')
})

describe("release.yml's 'Move the major tag' step, run as written on a scratch repository", () => {
  const step = (
    parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')).jobs.publish.steps as Array<{ name?: string; run?: string }>
  ).find(s => s.name === 'Move the major tag')!.run!

  /** Tags each name on a commit of its own, in order; runs the step for TAG with a gh that records its calls. */
  function moveFor(tag: string, tags: string[], majorExists = false): { calls: string[]; stdout: string; shaOf: (tag: string) => string } {
    for (const name of tags) {
      git('commit', '-q', '--allow-empty', '-m', name)
      git('tag', '-a', name, '-m', name)
    }
    const bin = mkdtempSync(join(tmpdir(), 'gh-'))
    const log = join(bin, 'calls')
    writeFileSync(
      join(bin, 'gh'),
      `#!/usr/bin/env bash\necho "$*" >> "${log}"\n[ "$1 $2" = "api repos/feishu-actions/tenant-token-action/git/ref/tags/${tag.split('.')[0]}" ] && exit ${majorExists ? 0 : 1}\nexit 0\n`,
      { mode: 0o755 }
    )
    // As `shell: bash` runs it (release.yml's default): bash --noprofile --norc -eo pipefail.
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, TAG: tag, GITHUB_REPOSITORY: 'feishu-actions/tenant-token-action' }
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const calls = spawnSync('cat', [log], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
    rmSync(bin, { recursive: true, force: true })
    return { calls, stdout: result.stdout, shaOf: name => git('rev-parse', `${name}^{commit}`) }
  }

  it('releasing v2.0.0 after v2.0.0-rc.1 creates v2 at v2.0.0: a pre-release never counts', () => {
    const { calls, shaOf } = moveFor('v2.0.0', ['v2.0.0-rc.1', 'v2.0.0'])
    expect(calls.at(-1)).toBe(`api -X POST repos/feishu-actions/tenant-token-action/git/refs -f ref=refs/tags/v2 -f sha=${shaOf('v2.0.0')}`)
  })

  it('moves an existing major tag to the newest release, v1.10.0 after v1.9.3', () => {
    const { calls, shaOf } = moveFor('v1.10.0', ['v1.9.3', 'v1.10.0'], true)
    expect(calls.at(-1)).toBe(
      `api -X PATCH repos/feishu-actions/tenant-token-action/git/refs/tags/v1 -f sha=${shaOf('v1.10.0')} -F force=true`
    )
  })

  it('leaves the major tag where it is for a fix of an older release', () => {
    const { calls, stdout } = moveFor('v1.2.1', ['v1.2.0', 'v1.3.0', 'v1.2.1'], true)
    expect(stdout).toContain('v1.3.0 is newer than v1.2.1: v1 stays where it is.')
    expect(calls).toEqual([])
  })
})
