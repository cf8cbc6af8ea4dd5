// The real collaborators, built in one place for every entry point (the runner's and @github/local-action's).
import { setTimeout as sleep } from 'node:timers/promises'
import type { CoreLike, Deps } from './main.js'
import { openTransport } from './transport.js'

export function realDeps(core: CoreLike): Deps {
  return { core, openTransport, now: Date.now, sleep: ms => sleep(ms), random: Math.random }
}
