// Records what `run` asks of @actions/core, in order, for in-process tests of main.ts.
import type { CoreLike } from '../../src/steps/step.js'

export type CoreEvent =
  | { type: 'setSecret'; value: string }
  | { type: 'setOutput'; name: string; value: string }
  | { type: 'exportVariable'; name: string; value: string }
  | { type: 'debug' | 'info' | 'warning' | 'setFailed'; message: string }
  | { type: 'summary'; text: string }

export interface FakeCore extends CoreLike {
  readonly events: CoreEvent[]
  readonly failed: string | undefined
  readonly outputs: Record<string, string>
  readonly summaryText: string
  /** Every string the action printed or wrote, except setSecret's own argument and the outputs/env values. */
  readonly printed: string
}

export function fakeCore(inputs: Record<string, string>): FakeCore {
  const events: CoreEvent[] = []
  let pending = ''
  const core: FakeCore = {
    events,
    getInput: name => (inputs[name] ?? '').trim(),
    setSecret: value => void events.push({ type: 'setSecret', value }),
    setOutput: (name, value) => void events.push({ type: 'setOutput', name, value }),
    exportVariable: (name, value) => void events.push({ type: 'exportVariable', name, value }),
    debug: message => void events.push({ type: 'debug', message }),
    info: message => void events.push({ type: 'info', message }),
    warning: message => void events.push({ type: 'warning', message }),
    setFailed: message => void events.push({ type: 'setFailed', message }),
    summary: {
      addRaw(text: string) {
        pending += text
        return core.summary
      },
      async write() {
        events.push({ type: 'summary', text: pending })
        pending = ''
        return core.summary
      }
    },
    get failed() {
      return events.flatMap(e => (e.type === 'setFailed' ? [e.message] : []))[0]
    },
    get outputs() {
      return Object.fromEntries(events.flatMap(e => (e.type === 'setOutput' ? [[e.name, e.value]] : [])))
    },
    get summaryText() {
      return events.flatMap(e => (e.type === 'summary' ? [e.text] : [])).join('')
    },
    get printed() {
      return events.map(e => ('message' in e ? e.message : e.type === 'summary' ? e.text : '')).join('\n')
    }
  }
  return core
}
