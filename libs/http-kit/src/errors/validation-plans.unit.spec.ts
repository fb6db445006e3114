import 'reflect-metadata';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested, validateSync, type ValidatorOptions } from 'class-validator';
import { compileValidationPlans } from './validation-plans';

class Line {
  @IsString() @MaxLength(5) label!: string;
  @IsInt() @Min(1) @Max(10) quantity!: number;
}

class Base {
  @IsString() @MaxLength(3) code!: string;
  @IsOptional() @IsString() note?: string;
}

class Order extends Base {
  // Overrides the inherited rule of the same kind on `code`.
  @MaxLength(6) declare code: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  @IsInt({ groups: ['strict'] }) version?: number;
}

const OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } };

function orderOf(plain: Record<string, unknown>): Order {
  const order = Object.assign(new Order(), plain);
  order.lines = ((plain.lines as object[]) ?? []).map((l) => Object.assign(new Line(), l));
  return order;
}

const SAMPLES: Array<Record<string, unknown>> = [
  { code: 'ABCDE', lines: [{ label: 'a', quantity: 2 }], version: 1 },
  {
    code: 'TOO-LONG-CODE',
    note: 7,
    lines: [
      { label: 'too long', quantity: 0 },
      { label: 'ok', quantity: 11.5 },
    ],
  },
  { code: 'A', lines: [], unknown: true, version: 'x' },
  { lines: [{}] },
];

const errorsOf = (plain: Record<string, unknown>, options: ValidatorOptions = OPTIONS) => JSON.stringify(validateSync(orderOf(plain), options));

describe('validation plans compiled once per DTO class', () => {
  it('accepts and refuses exactly as class-validator does, with the same errors, groups and inherited rules included', () => {
    const before = SAMPLES.flatMap((s) => [errorsOf(s), errorsOf(s, { ...OPTIONS, groups: ['strict'] }), errorsOf(s, { ...OPTIONS, strictGroups: true })]);
    compileValidationPlans();
    const after = SAMPLES.flatMap((s) => [errorsOf(s), errorsOf(s, { ...OPTIONS, groups: ['strict'] }), errorsOf(s, { ...OPTIONS, strictGroups: true })]);
    expect(after).toEqual(before);
    expect(JSON.parse(before[0])).toEqual([]);
    expect(JSON.parse(before[1]).map((e: { property: string }) => e.property)).toEqual(expect.arrayContaining(['code', 'note', 'lines']));
  });

  it('looks a class up once for each set of options', () => {
    compileValidationPlans();
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Order, '', false, false);
    expect(storage.getTargetValidationMetadatas(Order, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Order, '', false, false, ['strict'])).not.toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(Object.keys(storage.groupByPropertyName(first)).sort()).toEqual(['code', 'lines', 'note', 'version']);
  });

  it('sees rules declared after it compiled (a class loaded later, a rule added to a known class)', () => {
    compileValidationPlans();
    const storage = getMetadataStorage();
    const before = storage.getTargetValidationMetadatas(Order, '', false, false);
    class Later extends Order {
      @IsString() extra!: string;
    }
    expect(validateSync(Object.assign(new Later(), { code: 'A', lines: [], version: 2 }), OPTIONS).map((e) => e.property)).toEqual(['extra']);
    expect(storage.getTargetValidationMetadatas(Order, '', false, false)).not.toBe(before);
    expect(storage.getTargetValidationMetadatas(Order, '', false, false)).toEqual(before);
  });
});
