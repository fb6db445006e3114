import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
}

export class CaptureFactsDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When the photo was taken, as its EXIF says' }) at?: string;
  @ApiPropertyOptional({ description: 'False when the file gave a local time without offset (read in the operator time zone)' })
  offsetRecorded?: boolean;
  @ApiPropertyOptional({ minimum: -90, maximum: 90 }) latitude?: number;
  @ApiPropertyOptional({ minimum: -180, maximum: 180 }) longitude?: number;
  @ApiPropertyOptional() altitudeMeters?: number;
}

export class EvidenceRefViewDto {
  @ApiProperty() blobId!: string;
  @ApiProperty({ description: 'sha256 of the content, hex' }) sha256!: string;
  @ApiProperty() contentType!: string;
  @ApiPropertyOptional() caption?: string;
  @ApiPropertyOptional({ description: 'A removal photo showing a same-day newspaper masthead' }) masthead?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the content was uploaded' }) storedAt?: string;
  @ApiPropertyOptional({ type: CaptureFactsDto, description: 'When and where it was taken (EXIF), beside the upload time' }) captured?: CaptureFactsDto;
}

export class HistoryEntryDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Stream revision of the event' }) revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as recorded' }) data!: Record<string, unknown>;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

function namedClass(name: string): Type<object> {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

export function PageDto(item: Type<unknown>, name = `${item.name.replace(/(View)?Dto$/, '')}PageDto`): Type<object> {
  const page = namedClass(name);
  ApiProperty({ type: [item] })(page.prototype, 'items');
  ApiPropertyOptional({ type: String, description: 'Pass as cursor for the next page; absent on the last page' })(page.prototype, 'nextCursor');
  return page;
}

export function HistoryDto(idField: string, name: string): Type<object> {
  const history = namedClass(name);
  ApiProperty({ type: String })(history.prototype, idField);
  ApiProperty({ type: [HistoryEntryDto] })(history.prototype, 'items');
  return history;
}
