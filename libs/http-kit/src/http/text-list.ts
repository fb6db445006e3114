import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from './optional';

/** A list of non-empty texts, bounded in items and in each item's length. */
export const TextList = (options: { description: string; example: string[]; minItems?: number; maxItems: number; maxLength: number; optional?: boolean }) =>
  applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ type: [String], description: options.description, example: options.example, maxItems: options.maxItems }), Optional()]
      : [ApiProperty({ type: [String], description: options.description, example: options.example, maxItems: options.maxItems })]),
    IsArray(),
    ...(options.minItems ? [ArrayMinSize(options.minItems)] : []),
    ArrayMaxSize(options.maxItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(options.maxLength, { each: true }),
  );
