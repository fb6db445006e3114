import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AmountFenField } from '@ooh/http-kit';

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
