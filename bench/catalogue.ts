// `npm run bench:catalogue`: what reading Feishu's API catalogue costs a run that needs it ('required-calls', or a
// required scope not held as it is), in fresh processes as the runner starts them: reading and decoding the table,
// then the first call resolved (which builds the path index), then 20 calls resolved and checked. CPU time of each
// stage, medians over the runs. Not a test.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { NODE24 } from '../harness/runtimes.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 21)
const worker = fileURLToPath(new URL('./catalogue-worker.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))

const stages: Record<string, number[]> = {}
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync(NODE24, [tsx, worker], { encoding: 'utf8' })
  for (const [stage, ms] of Object.entries(JSON.parse(out) as Record<string, number>)) {
    stages[stage] ??= []
    stages[stage].push(ms)
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
console.log(`### Reading the catalogue (CPU time, median of ${RUNS} fresh processes)\n`)
console.log('| stage | CPU time |\n| --- | --- |')
for (const [stage, values] of Object.entries(stages)) console.log(`| ${stage} | ${median(values).toFixed(1)} ms |`)
