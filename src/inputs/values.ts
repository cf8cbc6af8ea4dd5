// How one input's text is read: what a parser knows of its input, and the parsers several inputs share.
import { quote } from '../output/text.js'
import { InputError } from './error.js'

/** What a parser knows of the input it reads. */
export interface Input {
  readonly name: string
  /** action.yml's default, for the words of an error. */
  readonly default: string
  readonly warning: (message: string) => void
  /** Another input's value as given ('' when not given), for words that depend on it. */
  readonly given: (name: string) => string
  readonly onRunner: boolean
}

/** One of a few words, any case: each with what it means, for the error. */
export function choice<T extends string>(options: Readonly<Record<T, string>>, more = '') {
  const names = Object.keys(options) as T[]
  return (value: string, { name }: Input): T => {
    const normalised = value.toLowerCase()
    if ((names as string[]).includes(normalised)) return normalised as T
    const listed = names.map(option => `'${option}' (${options[option]})`)
    throw new InputError(`Input '${name}' is ${quote(value, 60)}: use ${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}${more}.`)
  }
}

/** 'true' or 'false', as YAML 1.2's core schema spells them; throws an InputError otherwise. */
export function parseBoolean(value: string, { name }: Input): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${name}' is ${quote(value, 60)}: use 'true' or 'false'.`)
}

/** A decimal number within `limits` (written plainly: no exponent, sign or hex); throws an InputError otherwise. */
export function number(limits: { min: number; max: number; integer?: boolean }) {
  return (value: string, input: Input): number => {
    const parsed = Number(value)
    if (
      !/^\d+(\.\d+)?$/.test(value) ||
      !Number.isFinite(parsed) ||
      (limits.integer && !Number.isInteger(parsed)) ||
      parsed < limits.min ||
      parsed > limits.max
    ) {
      throw new InputError(
        `Input '${input.name}' is ${quote(value, 60)}: use ${limits.integer ? 'a whole number' : 'a number'} from ${limits.min} to ${limits.max} (default ${input.default}).`
      )
    }
    return parsed
  }
}

/**
 * A line of a list input as an error quotes it: in every link of it (http or https with any slashes, or any scheme with
 * `//`), what sits before the last '@' of that link is hidden, in whichever of the forms a URL parser takes it, a
 * password with '/' in it included. A calendar id's '@' is no link's, nor is a label's.
 */
export function withoutUserInfo(line: string): string {
  return (
    line
      .replace(/(^|\s)(https?:[\\/]*|[a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1$2***@')
      // A password with a space in it: `user:` where a host would be, no path before the space, then on to the '@'
      // before a host with a dot.
      .replace(/(^|\s)(https?:[\\/]*|[a-z][a-z0-9+.-]*:\/\/)([^\s/?#.@[]+:[^\s/@]*\s[^\n@]*?)@(?=[^\s@]*\.)/gi, '$1$2***@')
  )
}

/**
 * Whether a list input names nothing: every line blank or a `#` comment. A list that has lines, all of them comments,
 * is warned about: whoever wrote it may think something is checked.
 */
export function namesNothing(value: string, { name, warning }: Pick<Input, 'name' | 'warning'>): boolean {
  const lines = value.split(/\r?\n/).map(line => line.trim())
  if (!lines.every(line => line === '' || line.startsWith('#'))) return false
  if (lines.some(line => line !== ''))
    warning(`Input '${name}' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked.`)
  return true
}
