import * as core from '@actions/core'
import { realDeps } from './deps.js'
import { run } from './main.js'

void run(realDeps(core)).then(() => {
  // A socket stuck behind a proxy must not hold the job open; this timer never fires when nothing is left.
  setTimeout(() => process.exit(), 1000).unref()
})
