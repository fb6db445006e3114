import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { EvidenceInputDto } from './evidence-input.dto';
import { Optional } from './optional';

/** A list of uploaded evidence (photos, signed documents, receipts), referenced by blob id. */
export const PhotosField = (options: { optional?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ type: [EvidenceInputDto], description: options.description }), Optional()]
      : [ApiProperty({ type: [EvidenceInputDto], description: options.description })]),
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => EvidenceInputDto),
  );

/** A nested object: required unless optional, must be an object, validated against its own class. */
export const NestedField = (type: () => new () => object, options: { optional?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ type: type(), description: options.description }), Optional()]
      : [ApiProperty({ type: type(), description: options.description }), IsDefined({ message: '$property is required' })]),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
