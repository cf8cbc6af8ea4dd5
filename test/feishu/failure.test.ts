// A failed request as data (src/feishu/failure.ts): what the error says of itself, and when a request never went out.
import { RequestError, wasNotSent } from '../../src/feishu/failure.js'

describe('RequestError', () => {
  it('names itself and says which call failed and how, and nothing else: the words are written at the edge', () => {
    const error = new RequestError({ kind: 'http', status: 502 }, 'scopes', 'LOG-1', 2000)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('RequestError')
    expect(error.message).toBe('The scopes request failed (http)')
    expect(String(error)).toBe('RequestError: The scopes request failed (http)')
    expect([error.call, error.logId, error.retryAfterMs]).toEqual(['scopes', 'LOG-1', 2000])
  })
})

describe('wasNotSent', () => {
  const timeout = { kind: 'timeout', limit: 'step', timeoutMs: 1000 } as const

  it('is true only of a step timeout that came before the request went out', () => {
    expect(wasNotSent(new RequestError({ ...timeout, notSent: true }, 'access'))).toBe(true)
    expect(wasNotSent(new RequestError(timeout, 'access'))).toBe(false)
    expect(wasNotSent(new RequestError({ ...timeout, notSent: false }, 'access'))).toBe(false)
    expect(wasNotSent(new RequestError({ kind: 'network', errno: 'ECONNRESET' }, 'access'))).toBe(false)
  })

  it('reads the kind before the flag: another failure that somehow carries one was sent', () => {
    const odd = { kind: 'network', errno: 'ECONNRESET', notSent: true } as unknown as ConstructorParameters<typeof RequestError>[0]
    expect(wasNotSent(new RequestError(odd, 'access'))).toBe(false)
  })

  it('is false of anything that is not a RequestError, even one that looks like it', () => {
    expect(wasNotSent({ failure: { ...timeout, notSent: true } })).toBe(false)
    expect(wasNotSent(new Error('timeout'))).toBe(false)
    expect(wasNotSent(undefined)).toBe(false)
  })
})
