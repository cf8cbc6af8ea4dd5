// What to say of an error that ended the run.
import { RequestError } from '../feishu/failure.js'
import { InputError } from '../inputs/error.js'
import { describeFailure } from '../words/failures.js'
import type { Log, Step } from './step.js'

/** A bad input, a failed request, or a bug (its stack in debug only), in words. */
export function failureWords(error: unknown, step: Step | undefined, log: Log): string {
  if (error instanceof InputError) return error.message
  if (error instanceof RequestError && step) return describeFailure(error, step.context)
  if (error instanceof Error && error.stack) log.debug(error.stack)
  return `Unexpected error: ${String(error)}`
}
