// `run`'s collaborators for in-process tests: the real transport (real http-client, real sockets to the
// sandbox), with a sleep that returns at once and no jitter, unless a test says otherwise.
import type { CoreLike, Deps } from '../../src/steps/step.js'
import { openTransport } from '../../src/feishu/transport.js'

export function testDeps(core: CoreLike, overrides: Partial<Omit<Deps, 'core'>> = {}): Deps {
  return { core, openTransport, now: Date.now, sleep: async () => undefined, random: () => 0, onRunner: true, ...overrides }
}
