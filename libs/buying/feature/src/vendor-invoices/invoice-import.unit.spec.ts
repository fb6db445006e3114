import { isAppError } from '@ooh/eventing';
import { InvoiceImport } from './invoice-import';

const importer = new InvoiceImport({} as never, { timeZone: 'Asia/Shanghai' } as never);

describe('a vendor invoice imported as CSV', () => {
  it('reads one line per row, numbering rows without line_no, quantity 1 by default, wall-clock times in the operator zone', () => {
    const lines = importer.parse(
      'unit_id,date,aired_at,length_seconds,rate_fen,amount_fen\nu1,2027-01-25,2027-01-25 21:10,15,200000,200000\n,2027-01-31,,,50000,50000\n',
    );
    expect(lines).toEqual([
      {
        lineNo: 1,
        unitId: 'u1',
        date: '2027-01-25',
        airedAt: '2027-01-25T13:10:00.000Z',
        lengthSeconds: 15,
        rateFen: 200_000,
        quantity: 1,
        amountFen: 200_000,
      },
      { lineNo: 2, unitId: null, date: '2027-01-31', airedAt: null, lengthSeconds: null, rateFen: 50_000, quantity: 1, amountFen: 50_000 },
    ]);
  });

  it('names every bad cell by row and column', () => {
    try {
      importer.parse('line_no,unit_id,date,rate_fen,amount_fen,quantity\n0,u1,2027-02-30,12.5,,x\n');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isAppError(e) && [e.code, e.details.map((d) => d.field)]).toEqual([
        'FILE_INVALID',
        ['rows[1].line_no', 'rows[1].date', 'rows[1].rate_fen', 'rows[1].quantity', 'rows[1].amount_fen'],
      ]);
    }
  });
});
