// Scope names and the scope list as Feishu gives it (docs/feishu.md, "Scopes"): what any part of the action may take
// for a scope name, whoever wrote it (a workflow, a server).

/** Lowercase a-z 0-9 _ . : -, two to four colon-separated segments. */
const SCOPE_NAME = /^[a-z0-9_.-]+(?::[a-z0-9_.-]+){1,3}$/
/** The longest scope names are about 50 characters; far longer text is not a scope name. */
const MAX_SCOPE_NAME_CHARS = 128

export function isScopeName(value: string): boolean {
  return value.length <= MAX_SCOPE_NAME_CHARS && SCOPE_NAME.test(value)
}

/** A scope as GET /open-apis/application/v6/scopes lists it. */
export interface ListedScope {
  readonly name: string
  /** 1 = granted by the tenant, 2 = not granted (e.g. awaiting admin approval). */
  readonly grantStatus: number
  /**
   * `scope_type` as sent: the identity the entry is for, `tenant` (the app: what a tenant token carries) or `user`
   * (user tokens), in any case. Absent in older answers, which list the app identity only.
   */
  readonly identity?: string
}
