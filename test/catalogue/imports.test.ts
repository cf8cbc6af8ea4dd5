// src/catalogue stands alone: the action's other modules can use it, it uses none of them (nor any package), so it
// can move or be reused as it is, and what it costs a bundle is its own code.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const DIR = fileURLToPath(new URL('../../src/catalogue/', import.meta.url))

it('src/catalogue imports only Node built-ins and its own modules', () => {
  const files = readdirSync(DIR).filter(file => file.endsWith('.ts'))
  expect(files.length).toBeGreaterThan(5)
  for (const file of files) {
    const specifiers = [...readFileSync(DIR + file, 'utf8').matchAll(/(?:from|import|require)\s*\(?\s*'([^']+)'/g)].map(match => match[1]!)
    expect([file, specifiers.filter(specifier => !/^node:[a-z_/]+$|^\.\/[a-z-]+\.js$/.test(specifier))]).toEqual([file, []])
  }
})
