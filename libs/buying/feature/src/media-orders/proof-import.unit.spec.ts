import { isAppError } from '@ooh/eventing';
import { ProofImport } from './proof-import';

const importer = new ProofImport({} as never, { timeZone: 'Asia/Shanghai' } as never);

function problems(text: string): unknown {
  try {
    importer.parse(text);
  } catch (e) {
    if (isAppError(e)) return { code: e.code, fields: e.details.map((d) => d.field) };
    throw e;
  }
  return 'parsed';
}

describe('a vendor’s proof file (CSV)', () => {
  it('reads one row per unit, columns in any order, wall-clock times in the operator zone', () => {
    const rows = importer.parse(
      '\uFEFFOutcome,unit_id,aired_at,aired_length_seconds,note\naired,u1,2027-01-05 20:30,15,\nmissed,u2,,,Preempted by news\npreempted,"u,3",,,\n',
    );
    expect(rows).toEqual([
      { unitId: 'u1', outcome: 'aired', airedAt: '2027-01-05T12:30:00.000Z', airedLengthSeconds: 15, source: 'affidavit', evidence: [], note: '' },
      { unitId: 'u2', outcome: 'missed', airedAt: null, airedLengthSeconds: null, source: 'affidavit', evidence: [], note: 'Preempted by news' },
      { unitId: 'u,3', outcome: 'preempted', airedAt: null, airedLengthSeconds: null, source: 'affidavit', evidence: [], note: '' },
    ]);
  });

  it('names every bad cell by row and column, and records nothing', () => {
    expect(problems('unit_id,outcome,aired_at,aired_length_seconds,source\nu1,ran,2027-01-05 25:00,0,fax\n,missed,,,\n')).toEqual({
      code: 'FILE_INVALID',
      fields: ['rows[1].outcome', 'rows[1].source', 'rows[1].aired_at', 'rows[1].aired_length_seconds', 'rows[2].unit_id'],
    });
    expect(problems('unit,result\nu1,aired\n')).toEqual({ code: 'FILE_COLUMNS', fields: ['file.unit_id', 'file.outcome'] });
    expect(problems('unit_id,outcome\n')).toEqual({ code: 'FILE_EMPTY', fields: ['file'] });
    expect(problems('unit_id,outcome\n"u1,aired\n')).toEqual({ code: 'FILE_UNREADABLE', fields: ['file'] });
  });
});
