import type { Endpoint } from '../feishu/region.js'

/** What the inputs that could be read say, for a job summary that shows what is known. */
export interface KnownInputs {
  readonly endpoint?: Endpoint
  readonly appId?: string
}

/**
 * A bad setting of the workflow (an input, or a proxy variable of the job): the message names it and says how to fix
 * it. No request has been sent.
 */
export class InputError extends Error {
  override readonly name = 'InputError'
  /**
   * `closing`: the message's last line when it is said once for all its lines (what a line may hold), kept when
   * the lines before it are cut to the first ones.
   */
  constructor(
    message: string,
    readonly known: KnownInputs = {},
    readonly closing?: string
  ) {
    super(message)
  }
}
