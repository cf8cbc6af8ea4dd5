// The real collaborators (core, the transport, the clock, sleep and jitter), which src/action.ts wires into run.
import { setTimeout as sleep } from 'node:timers/promises'
import { openTransport } from './feishu/transport.js'
import type { CoreLike, Deps } from './steps/step.js'

export function realDeps(core: CoreLike): Deps {
  return {
    core,
    openTransport,
    now: Date.now,
    sleep: ms => sleep(ms),
    random: Math.random,
    onRunner: process.env.GITHUB_ACTIONS === 'true'
  }
}
