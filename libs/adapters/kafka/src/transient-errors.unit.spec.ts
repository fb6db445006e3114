import { isTransient } from './transient-errors';

describe('isTransient', () => {
  const named = (name: string, extra: object = {}) => Object.assign(new Error('x'), { name }, extra);

  it('recognises database and broker outages, also wrapped as a cause', () => {
    expect(isTransient(named('MongoServerSelectionError'))).toBe(true);
    expect(isTransient(named('KafkaJSConnectionError'))).toBe(true);
    expect(isTransient(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new Error('outer', { cause: named('MongoNetworkError') }))).toBe(true);
  });

  it('treats business and contract errors as the message\u2019s own failure', () => {
    expect(isTransient(new Error('cannot handle poison'))).toBe(false);
    expect(isTransient(named('TypeError'))).toBe(false);
    expect(isTransient(Object.assign(new Error('dup'), { code: 11000 }))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});
