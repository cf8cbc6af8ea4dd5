// `npm run catalogue -- refresh <path>`: extract catalogue/operations.tsv from a local copy of
// dayongxie/lark-openapi-spec (a checkout with openapi/, or a git directory without a work tree), then build
// src/catalogue/catalogue.json from it. `npm run catalogue -- build`: the build stage only. What the files are and
// how to refresh: catalogue/README.md.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from './catalogue/build.js'
import { extract } from './catalogue/extract.js'
import { parseOperations } from './catalogue/operations.js'
import { readSource } from './catalogue/source.js'

const TSV = fileURLToPath(new URL('../catalogue/operations.tsv', import.meta.url))
const JSON_FILE = fileURLToPath(new URL('../src/catalogue/catalogue.json', import.meta.url))

function refresh(path: string): void {
  const { files, source } = readSource(path)
  const tsv = extract(files, source)
  writeFileSync(TSV, tsv)
  const count = parseOperations(tsv).operations.length
  console.log(`catalogue/operations.tsv: ${count} operations from ${files.length} files of ${source.commit} (${source.date})`)
  buildJson()
}

function buildJson(): void {
  const json = build(readFileSync(TSV, 'utf8'))
  writeFileSync(JSON_FILE, json)
  console.log(`src/catalogue/catalogue.json: ${json.length} bytes. Commit both files with the source's commit in the message.`)
}

const [command, path, ...rest] = process.argv.slice(2)
try {
  if (command === 'refresh' && path && rest.length === 0) refresh(path)
  else if (command === 'build' && !path) buildJson()
  else {
    console.error('usage: npm run catalogue -- refresh <path to a copy of dayongxie/lark-openapi-spec>\n       npm run catalogue -- build')
    process.exitCode = 2
  }
} catch (error) {
  // The stages' errors name the file and line: the stack would only bury them.
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
