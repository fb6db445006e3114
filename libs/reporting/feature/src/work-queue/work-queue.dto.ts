import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from '@ooh/http-kit';

export class WorkQueueQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only items past their deadline' }) @Optional() @IsIn(['true']) overdue?: string;
  @ApiPropertyOptional({ maxLength: 40, description: 'Only one service’s items (e.g. `production`)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  context?: string;
  @ApiPropertyOptional({ enum: ['mine', 'everyone'], description: '`everyone` (admin and executive only): the whole queue, whoever releases it' })
  @Optional()
  @IsIn(['mine', 'everyone'])
  scope?: 'mine' | 'everyone';
}

export class WorkQueueRowDto {
  @ApiProperty({ description: '`<context>:<kind>:<id>`' }) key!: string;
  @ApiProperty() context!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) itemStatus!: string | null;
  @ApiProperty({ description: 'Where its service’s API reads it' }) link!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) deadline!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() gate!: string;
  @ApiProperty({ description: 'Why it waits' }) waitingFor!: string;
  @ApiProperty({ description: 'The role whose task it is' }) releasedBy!: string;
  @ApiProperty({ type: [String] }) releasedByRoles!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'For whom the role acts (e.g. a landlord authority)' }) onBehalfOf!: string | null;
  @ApiProperty({ type: [String], description: 'The people the step names (empty: anyone with the role)' }) assignees!: string[];
  @ApiProperty({ format: 'date-time', description: 'Since when it has waited at this gate' }) since!: string;
}

export class WorkQueueDto {
  @ApiProperty({ format: 'date', description: 'The operator’s today (overdue is judged against it)' }) today!: string;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) overdue!: number;
  @ApiProperty({ type: [WorkQueueRowDto], description: 'Oldest first' }) items!: WorkQueueRowDto[];
}
