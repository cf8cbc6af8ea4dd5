import type { Catalogue } from './catalogue.js'

/**
 * Takes a function that builds an index of a catalogue, gives the same function computing it once per catalogue
 * (the first query pays, the next ones look up). Weakly held: a catalogue no longer used takes its indexes with it.
 */
export function perCatalogue<T>(make: (catalogue: Catalogue) => T): (catalogue: Catalogue) => T {
  const made = new WeakMap<Catalogue, T>()
  return catalogue => {
    if (!made.has(catalogue)) made.set(catalogue, make(catalogue))
    return made.get(catalogue)!
  }
}
