import { applyDecorators, Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { notFound } from '@ooh/eventing';

/** A version number from the path; anything that is not one names no version (404). */
class VersionNumber implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,5}$/.test(value)) throw notFound('VERSION_NOT_FOUND', `No version ${value}`);
    return Number(value);
  }
}

export const VersionParam = (name = 'version') => Param(name, new VersionNumber());

/** Documents a version path parameter as the integer it is. */
export const VersionParamDoc = (...names: string[]) =>
  applyDecorators(...names.map((name) => ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: 999999 } })));
