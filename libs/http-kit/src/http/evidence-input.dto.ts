import { Optional } from './optional';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class EvidenceInputDto {
  @ApiProperty({ description: 'Id returned by POST /api/evidence (the sha256)', pattern: '^[a-f0-9]{64}$' })
  @Matches(/^[a-f0-9]{64}$/, { message: 'blobId must be an id returned by POST /api/evidence' })
  blobId!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  caption?: string;
}
