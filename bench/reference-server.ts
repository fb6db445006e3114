import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from '@ooh/http-kit';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';

/*
 * The reference for the command path: a bare NestJS-on-Fastify app with the platform's validation pipe
 * and the same validation rules as RecordInspectionDto (libs/operations/feature), but no auth, no
 * logging, no event store, no I/O. Whatever the platform costs above this is its own.
 */

class EvidenceInput {
  @Matches(/^[a-f0-9]{64}$/, { message: 'blobId must be an id returned by POST /api/evidence' }) blobId!: string;
  @IsOptional() @IsString() @MaxLength(200) caption?: string;
}

class InspectionChecks {
  @IsBoolean() deviceRunning!: boolean;
  @IsBoolean() adsCorrect!: boolean;
  @IsBoolean() safetyHazardFound!: boolean;
  @IsBoolean() clean!: boolean;
}

class InspectionProblem {
  @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  @IsIn(['minor', 'major']) severity!: 'minor' | 'major';
}

class RecordInspection {
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'siteId must be a site code' }) siteId!: string;

  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'performedAt must carry a time zone offset' })
  performedAt!: string;

  @ValidateNested() @Type(() => InspectionChecks) checks!: InspectionChecks;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => InspectionProblem) problems?: InspectionProblem[];

  @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => EvidenceInput) photos!: EvidenceInput[];
}

@Controller()
class ReferenceController {
  @Post('api/operations/inspections')
  @HttpCode(201)
  record(@Body() dto: RecordInspection) {
    return { id: randomUUID(), siteId: dto.siteId };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [ReferenceController] })
class ReferenceModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(ReferenceModule, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: ['error', 'warn'] });
  app.useGlobalPipes(createValidationPipe());
  await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
