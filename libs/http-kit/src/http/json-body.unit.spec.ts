import { jsonShapeProblem, MAX_JSON_ARRAY_ITEMS, parseJsonBody } from './json-body';

describe('JSON bodies are measured before they are parsed', () => {
  const array = (n: number, item = '{}') => `[${Array.from({ length: n }, () => item).join(',')}]`;

  it('refuses an array longer than the maximum, naming where it sits', () => {
    expect(jsonShapeProblem(`{"amountFen":1,"receipt":${array(340_000)}}`)).toEqual({
      code: 'ARRAY_TOO_LONG',
      field: 'receipt',
      message: 'at most 1000 items',
    });
    expect(jsonShapeProblem(`{"creative":{"files":${array(MAX_JSON_ARRAY_ITEMS + 1, '"x"')}}}`)?.field).toBe('creative.files');
    expect(jsonShapeProblem(`{"lines":[{},{},{"photos":${array(2000, '1')}}]}`)?.field).toBe('lines.2.photos');
    expect(jsonShapeProblem(array(5000, 'null'))?.field).toBe('(body)');
  });

  it('accepts arrays up to the maximum, commas inside strings and empty arrays', () => {
    expect(jsonShapeProblem(`{"faces":${array(MAX_JSON_ARRAY_ITEMS, '"A"')}}`)).toBeUndefined();
    expect(jsonShapeProblem(`{"note":"${','.repeat(5000)}","list":[]}`)).toBeUndefined();
    expect(jsonShapeProblem(`{"a":["x\\",${','.repeat(3000)}"]}`)).toBeUndefined();
  });

  it('refuses nesting deeper than 32 levels', () => {
    expect(jsonShapeProblem('['.repeat(33) + ']'.repeat(33))?.code).toBe('BODY_TOO_DEEP');
    expect(jsonShapeProblem('['.repeat(32) + ']'.repeat(32))).toBeUndefined();
  });

  it('parses what passes, with prototype poisoning refused', () => {
    expect(parseJsonBody('{"a":[1,2,3]}')).toEqual({ a: [1, 2, 3] });
    expect(() => parseJsonBody('{"__proto__":{"x":1}}')).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => parseJsonBody(`{"receipt":${array(340_000)}}`)).toThrow(expect.objectContaining({ code: 'ARRAY_TOO_LONG' }));
  });
});
