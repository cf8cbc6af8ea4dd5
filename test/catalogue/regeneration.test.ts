// The committed catalogue is what the generator makes: catalogue.json from operations.tsv (like dist/ from src/),
// operations.tsv in its canonical form, and, given a copy of the source, operations.tsv from that copy.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from '../../scripts/catalogue/build.js'
import { extract } from '../../scripts/catalogue/extract.js'
import { formatOperations, parseOperations } from '../../scripts/catalogue/operations.js'
import { readSource } from '../../scripts/catalogue/source.js'

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8')
const tsv = read('catalogue/operations.tsv')

it("src/catalogue/catalogue.json is, byte for byte, what 'npm run catalogue -- build' makes from catalogue/operations.tsv", () => {
  if (build(tsv) !== read('src/catalogue/catalogue.json')) {
    throw new Error("src/catalogue/catalogue.json is not what 'npm run catalogue -- build' makes: run it and commit the file")
  }
})

it('catalogue/operations.tsv is in the canonical form the extract stage writes (read back and written, the same bytes)', () => {
  expect(formatOperations(parseOperations(tsv)) === tsv).toBe(true)
})

const spec = process.env.LARK_OPENAPI_SPEC
const withSource = spec ? it : it.skip
withSource(
  `catalogue/operations.tsv is what the extract stage makes from the copy in LARK_OPENAPI_SPEC (${spec ? spec : 'not set: skipped'})`,
  () => {
    const { files, source } = readSource(spec!)
    const committed = parseOperations(tsv).source
    if (source.commit !== committed.commit)
      throw new Error(`LARK_OPENAPI_SPEC is at ${source.commit}, the catalogue at ${committed.commit}`)
    expect(extract(files, source) === tsv).toBe(true)
  },
  60_000
)
