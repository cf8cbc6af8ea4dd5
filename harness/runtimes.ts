import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The Node that action.yml declares (runs.using: node24), from the npm registry's `node` package. */
export const NODE24 = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))

export function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}
