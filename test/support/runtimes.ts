import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './run-action.js'

/** The Node that action.yml declares (runs.using: node24), from the npm registry's `node` package. */
export const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')

export function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}

/** The bundle's end-to-end tests run under each: this machine's Node and the runner's. */
export const RUNTIMES: Array<[string, string]> = [
  [`this machine's Node ${process.version}`, process.execPath],
  ['Node 24, as action.yml declares', NODE24]
]
