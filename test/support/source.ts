// The action's own source files, for tests that hold a rule over all of them.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ROOT } from '../../harness/run-action.js'

/** Every file under src/, as a path relative to the repository ('src/words/codes.ts'), sorted. */
export function sourceFiles(): string[] {
  return readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}

export const readSource = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
