import { applyDecorators, Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { notFound } from '@ooh/eventing';

/** A positive whole number from the path; anything else names nothing there (404 with the given code). */
class PositiveNumber implements PipeTransform<string, number> {
  constructor(
    private readonly code: string,
    private readonly what: string,
  ) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,5}$/.test(value)) throw notFound(this.code, `No ${this.what} ${value}`);
    return Number(value);
  }
}

/** The path parameter `name` as a number (a version, a line number); not one: 404 `code`. */
export const NumberParam = (name: string, code: string, what = name) => Param(name, new PositiveNumber(code, what));

/** Documents number path parameters as the integers they are. */
export const NumberParamDoc = (...names: string[]) =>
  applyDecorators(...names.map((name) => ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: 999999 } })));
