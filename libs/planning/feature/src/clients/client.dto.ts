import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActorDto, Optional, PageDto, PageQueryDto } from '@ooh/http-kit';

export class ClientContactDto {
  @ApiProperty({ maxLength: 100, example: 'Ms Liu' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Brand manager' }) @Optional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ maxLength: 40, pattern: '^[0-9+() -]{3,40}$', example: '+86 23 6000 0000' })
  @Optional()
  @IsString()
  @Matches(/^[0-9+() -]{3,40}$/, { message: 'phone must be digits, spaces, +, - or brackets' })
  phone?: string;
  @ApiPropertyOptional({ maxLength: 200, format: 'email', example: 'liu@beer.example' }) @Optional() @IsEmail() @MaxLength(200) email?: string;
}

export class RegisterClientDto {
  @ApiProperty({ maxLength: 200, example: 'Chongqing Beer Co.' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ maxLength: 100, example: 'beverages' }) @IsString() @IsNotEmpty() @MaxLength(100) industry!: string;
  @ApiProperty({ type: [ClientContactDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClientContactDto)
  contacts!: ClientContactDto[];
  @ApiPropertyOptional({ maxLength: 4000, description: 'What the client needs' }) @Optional() @IsString() @MaxLength(4000) needs?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @Optional() @IsString() @MaxLength(4000) notes?: string;
}

export class UpdateClientDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(100) industry?: string;
  @ApiPropertyOptional({ type: [ClientContactDto], maxItems: 50, description: 'The whole list of contacts' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClientContactDto)
  contacts?: ClientContactDto[];
  @ApiPropertyOptional({ maxLength: 4000 }) @Optional() @IsString() @MaxLength(4000) needs?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @Optional() @IsString() @MaxLength(4000) notes?: string;
}

export class ClientQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'archived'] }) @Optional() @IsIn(['active', 'archived']) status?: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'Clients whose name starts with this (any case)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(100) industry?: string;
}

class ClientContactViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class ClientFileViewDto {
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The name in lower case (search key)' }) nameKey!: string;
  @ApiProperty() industry!: string;
  @ApiProperty({ type: [ClientContactViewDto] }) contacts!: ClientContactViewDto[];
  @ApiProperty({ type: String, nullable: true }) needs!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: ActorDto }) registeredBy!: ActorDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) archivedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) archivedBy!: ActorDto | null;
  @ApiProperty({ type: String, nullable: true }) archiveReason!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const ClientFilePageDto = PageDto(ClientFileViewDto);
