import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AmountFenField, Optional } from '@ooh/http-kit';

/** The campaign brief a job is for (optional): one planning published, of the job's client. */
export const BriefIdField = () =>
  applyDecorators(
    ApiPropertyOptional({
      maxLength: 64,
      description: 'The campaign brief it is for (one planning published, of the same client): its costs then count in the campaign 360',
    }),
    Optional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(64),
  );

export class CostLineDto {
  @ApiProperty({ maxLength: 100, example: 'crew' }) @IsString() @IsNotEmpty() @MaxLength(100) category!: string;
  @AmountFenField('Amount in fen', 400_000) amountFen!: number;
}

export class VendorRefDto {
  @ApiProperty({ maxLength: 64, description: 'The vendor’s id in the vendor library' }) @IsString() @IsNotEmpty() @MaxLength(64) vendorId!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class CostLineViewDto {
  @ApiProperty() category!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

export class VendorRefViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}

export class ProductionBlockerDto {
  @ApiProperty() gate!: string;
  @ApiProperty() waitingFor!: string;
  @ApiProperty({ description: 'The role whose task it is' }) releasedBy!: string;
  @ApiProperty({ type: [String] }) releasedByRoles!: string[];
}
