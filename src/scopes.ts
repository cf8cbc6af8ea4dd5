// Scope names: lowercase a-z 0-9 _ . : -, two to four colon-separated segments.
const SCOPE_NAME = /^[a-z0-9_.-]+(?::[a-z0-9_.-]+){1,3}$/

export function isScopeName(value: string): boolean {
  return SCOPE_NAME.test(value)
}

export interface ParsedScopes {
  /** Valid names, de-duplicated, in the order first given. */
  readonly scopes: string[]
  /** Entries that cannot be scope names, as given. */
  readonly invalid: string[]
}

/** Splits on commas, spaces and newlines, so a YAML block scalar works as well as one line. */
export function parseScopeList(raw: string): ParsedScopes {
  const scopes: string[] = []
  const invalid: string[] = []
  for (const entry of raw.split(/[\s,]+/)) {
    if (entry === '') continue
    if (!isScopeName(entry)) {
      if (!invalid.includes(entry)) invalid.push(entry)
    } else if (!scopes.includes(entry)) {
      scopes.push(entry)
    }
  }
  return { scopes, invalid }
}

/** A scope as GET /open-apis/application/v6/scopes lists it. */
export interface ListedScope {
  readonly name: string
  /** 1 = granted by the tenant, 2 = not granted (e.g. awaiting admin approval). */
  readonly grantStatus: number
}

export type ScopeStatus = 'granted' | 'awaiting-approval' | 'not-configured'

export interface ScopeCheck {
  /** Every required scope with its status, in the order required. */
  readonly statuses: ReadonlyArray<{ readonly scope: string; readonly status: ScopeStatus }>
  /** Every scope the tenant has granted the app, sorted. */
  readonly granted: string[]
  /** Required scopes that are not granted, sorted. */
  readonly missing: string[]
  /** Scopes the app has configured (granted or awaiting approval) that are not required, sorted: least privilege. */
  readonly unexpected: ReadonlyArray<{ readonly scope: string; readonly status: Exclude<ScopeStatus, 'not-configured'> }>
  /** Names the server listed that are not scope names: left out of everything above, never output. */
  readonly ignored: string[]
}

export function checkScopes(required: readonly string[], listed: readonly ListedScope[]): ScopeCheck {
  const granted = new Set<string>()
  const configured = new Set<string>()
  const ignored: string[] = []
  for (const { name, grantStatus } of listed) {
    // Outputs feed later steps' expressions and scripts: only real scope names may reach them.
    if (!isScopeName(name)) {
      ignored.push(name)
      continue
    }
    configured.add(name)
    if (grantStatus === 1) granted.add(name)
  }
  const statuses = required.map(scope => ({
    scope,
    status: granted.has(scope) ? ('granted' as const) : configured.has(scope) ? ('awaiting-approval' as const) : ('not-configured' as const)
  }))
  return {
    statuses,
    granted: [...granted].sort(),
    missing: statuses
      .filter(s => s.status !== 'granted')
      .map(s => s.scope)
      .sort(),
    unexpected: [...configured]
      .filter(scope => !required.includes(scope))
      .sort()
      .map(scope => ({ scope, status: granted.has(scope) ? ('granted' as const) : ('awaiting-approval' as const) })),
    ignored
  }
}
