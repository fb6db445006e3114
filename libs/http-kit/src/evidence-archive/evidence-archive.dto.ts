import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ActorDto, CaptureFactsDto } from '../http/views.dto';
import { Optional } from '../http/optional';
import { PageQueryDto } from '../http/pagination.dto';
import { EVIDENCE_KINDS } from './evidence-archive.projection';

export class EvidenceArchiveQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A declared category (site, inspection, maintenance, fault, booking, installation, expense, …)', example: 'fault' })
  @Optional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'category must be a category name such as fault' })
  category?: string;

  @ApiPropertyOptional({ enum: EVIDENCE_KINDS })
  @Optional()
  @IsIn(EVIDENCE_KINDS)
  kind?: string;

  @ApiPropertyOptional({ description: 'Local month of the first fact that referenced it', example: '2026-11', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })
  @Optional()
  @IsString()
  @MaxLength(7)
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class UnreferencedQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 200, description: 'Stored blobs examined in this page' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The last blob id of the previous page (nextCursor)', pattern: '^[a-f0-9]{64}$' })
  @Optional()
  @IsString()
  @Matches(/^[a-f0-9]{64}$/, { message: 'cursor must be a blob id' })
  cursor?: string;
}

export class EvidenceReferenceDto {
  @ApiProperty({ example: 'fault' }) category!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ description: 'Where the entity is read', example: '/api/operations/faults/3f0c…' }) link!: string;
  @ApiProperty({ description: 'The fact that referenced it', example: 'FaultResolved' }) eventType!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiPropertyOptional() caption?: string;
  @ApiPropertyOptional() masthead?: boolean;
}

export class ArchivedEvidenceDto {
  @ApiProperty() blobId!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind!: string;
  @ApiProperty({ type: [String], description: 'Every category whose facts reference it' }) categories!: string[];
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ format: 'date-time' }) firstReferencedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastReferencedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) referenceCount!: number;
  @ApiProperty({ type: [EvidenceReferenceDto], description: 'The facts that reference it (the first 50)' }) references!: EvidenceReferenceDto[];
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) size?: number;
  @ApiPropertyOptional() filename?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it was uploaded' }) storedAt?: string;
  @ApiPropertyOptional({ description: 'Who uploaded it' }) storedBy?: string;
  @ApiPropertyOptional({ type: CaptureFactsDto, description: 'When and where it was taken (EXIF)' }) captured?: CaptureFactsDto;
}

export class ArchivedEvidencePageDto {
  @ApiProperty({ type: [ArchivedEvidenceDto] }) items!: ArchivedEvidenceDto[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}

export class UnreferencedEvidenceDto {
  @ApiProperty() blobId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) size!: number;
  @ApiProperty() contentType!: string;
  @ApiPropertyOptional() filename?: string;
  @ApiPropertyOptional({ format: 'date-time' }) storedAt?: string;
  @ApiPropertyOptional() storedBy?: string;
  @ApiPropertyOptional({ type: CaptureFactsDto }) captured?: CaptureFactsDto;
}

export class UnreferencedEvidencePageDto {
  @ApiProperty({ type: [UnreferencedEvidenceDto], description: 'Stored evidence no fact references (yet), in blob id order' })
  items!: UnreferencedEvidenceDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Stored blobs examined for this page' }) examined!: number;
  @ApiPropertyOptional({ description: 'Pass as cursor to examine the next blobs; absent when every stored blob was examined' })
  nextCursor?: string;
}
