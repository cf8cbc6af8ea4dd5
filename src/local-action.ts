// The entry @github/local-action calls (`npm run local-action`): `run()` with no arguments, from the same
// collaborators as the runner's entry, so that the two never drift. local-action supplies its own @actions/core.
import * as core from '@actions/core'
import { realDeps } from './deps.js'
import { run as runWith } from './main.js'

export async function run(): Promise<void> {
  await runWith(realDeps(core))
}
