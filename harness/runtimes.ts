import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * The Node that installs of the npm registry's `node` package (the project's dev dependency) leave in
 * node_modules/node/bin: `node` on Linux and macOS; on Windows `node.exe`, next to a `node` that is only a placeholder
 * text file (its install script links the binary as bin/node.exe and rewrites the package's `bin`).
 */
export function packageNode(platform: NodeJS.Platform = process.platform): string {
  return fileURLToPath(new URL(`../node_modules/node/bin/${platform === 'win32' ? 'node.exe' : 'node'}`, import.meta.url))
}

/**
 * The Node that action.yml declares (runs.using: node24): the running one when it is 24 already (npm scripts run on
 * the `node` package's; CI on the one setup-node installed), else the `node` package's.
 */
export const NODE24 = process.versions.node.split('.')[0] === '24' ? process.execPath : packageNode()

export function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}
