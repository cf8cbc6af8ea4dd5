// The catalogue is read only by the runs that need it, on the first call, and kept. It stays out of the bundle:
// for `new URL('./catalogue.json', import.meta.url)` ncc (webpack) emits the file next to dist/index.cjs as an
// asset and points the URL at it, relative to the bundle; from the sources (tsx, jest) the URL is this folder's file.
import { readFileSync } from 'node:fs'
import { type Catalogue, decodeCatalogue } from './catalogue.js'

let cached: Catalogue | undefined

/**
 * Gives the catalogue, reading and decoding catalogue.json the first time (about 200 KB; see catalogue/README.md for
 * what it costs). Throws when the file cannot be read (a bundle shipped without its asset) or is not a catalogue;
 * a later call tries again.
 */
export function loadCatalogue(): Catalogue {
  cached ??= decodeCatalogue(readFileSync(new URL('./catalogue.json', import.meta.url), 'utf8'))
  return cached
}
