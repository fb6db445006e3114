import { agingBucket, dueDateAfter, expenseDecider, expenseStream, payableDecider, payableStream, receivableDecider, receivableStream } from './index';

describe('finance-domain public API', () => {
  it('should name streams <context>.<aggregate>-<id>', () => {
    expect(receivableStream('r-1')).toBe('finance.receivable-r-1');
    expect(payableStream('p-1')).toBe('finance.payable-p-1');
    expect(expenseStream('e-1')).toBe('finance.expense-e-1');
  });

  it('should export the deciders and the aging helper', () => {
    expect([receivableDecider, payableDecider, expenseDecider].map((d) => d.initialState().status)).toEqual(['none', 'none', 'none']);
    expect(agingBucket('2026-01-01', '2026-01-01')).toBe('current');
  });
});

describe('dueDateAfter', () => {
  it('counts payment terms in the operator time zone, from the local date of the request', () => {
    // 17:00 UTC on the 1st is already the 2nd in Shanghai.
    expect(dueDateAfter('2026-12-01T17:00:00.000Z', 'Asia/Shanghai', 7)).toBe('2026-12-09');
    expect(dueDateAfter('2026-12-01T15:59:59.000Z', 'Asia/Shanghai', 7)).toBe('2026-12-08');
    expect(dueDateAfter('2026-12-31T20:00:00+08:00', 'Asia/Shanghai', 0)).toBe('2026-12-31');
  });

  it('refuses what is not an instant', () => {
    expect(() => dueDateAfter('soon', 'Asia/Shanghai', 7)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});
