// A local copy of dayongxie/lark-openapi-spec, read: its openapi/*.yaml and the commit they are. Either a checkout
// (a folder with openapi/) or a git directory without a work tree (a bare clone, a mirror), read with git.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Source } from '../../src/catalogue/catalogue.js'
import type { SpecFile } from './extract.js'

export const REPOSITORY = 'https://github.com/dayongxie/lark-openapi-spec'

const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] })

/** HEAD's commit and its committer date, in UTC: a copy without git history cannot say what it is a copy of. */
function sourceOf(gitArgs: string[]): Source {
  const [commit, seconds] = git([...gitArgs, 'log', '-1', '--format=%H %ct', 'HEAD'])
    .trim()
    .split(' ')
  return { repository: REPOSITORY, commit: commit!, date: new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z') }
}

/**
 * Takes the path of a copy, gives its openapi/*.yaml files and the commit they are. Throws when git cannot read it
 * (not a git checkout or git directory), when a checkout's openapi/ differs from its HEAD (the commit would not
 * describe the files), or when there are no such files.
 */
export function readSource(path: string): { files: SpecFile[]; source: Source } {
  const read = existsSync(join(path, 'openapi')) ? readCheckout : readGitDir
  const copy = read(path)
  if (copy.files.length === 0) throw new Error(`${path}: no openapi/*.yaml at its HEAD`)
  return copy
}

function readCheckout(path: string): { files: SpecFile[]; source: Source } {
  if (git(['-C', path, 'status', '--porcelain', '--', 'openapi']).trim() !== '') {
    throw new Error(`${path}/openapi differs from its last commit: commit or discard the changes, so the commit describes the files`)
  }
  const names = readdirSync(join(path, 'openapi')).filter(name => name.endsWith('.yaml'))
  return { files: names.map(name => ({ name, text: readFileSync(join(path, 'openapi', name), 'utf8') })), source: sourceOf(['-C', path]) }
}

function readGitDir(path: string): { files: SpecFile[]; source: Source } {
  const at = [`--git-dir=${path}`]
  const paths = git([...at, 'ls-tree', '--name-only', 'HEAD', 'openapi/'])
    .split('\n')
    .filter(file => /^openapi\/[^/]+\.yaml$/.test(file))
  return {
    files: paths.map(file => ({ name: file.slice('openapi/'.length), text: git([...at, 'show', `HEAD:${file}`]) })),
    source: sourceOf(at)
  }
}
