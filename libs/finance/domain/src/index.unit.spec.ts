import { agingBucket, expenseDecider, expenseStream, payableDecider, payableStream, receivableDecider, receivableStream } from './index';

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
