import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { EvidenceRef } from '@ooh/eventing';
import { ActorDto, DateField, EvidenceRefViewDto, InstantField, NestedField, Optional, PageDto, PageQueryDto, PhotosField, TextList } from '@ooh/http-kit';

const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'];
const STEPS = ['noticeSent', 'clientConfirmed', 'materialsPrepared', 'transportArranged'];

export class AttendeesDto {
  @TextList({ description: 'The agency’s attendees', example: ['Wang (account manager)'], minItems: 1, maxItems: 30, maxLength: 100 })
  agency!: string[];

  @TextList({ description: 'The client’s attendees', example: ['Ms Liu (brand manager)'], minItems: 1, maxItems: 30, maxLength: 100 })
  client!: string[];
}

export class ScheduleMeetingDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) clientId!: string;
  @InstantField('When it starts', '2026-12-10T10:00:00+08:00') startsAt!: string;
  @ApiProperty({ maxLength: 300, example: 'Client HQ, room 3' }) @IsString() @IsNotEmpty() @MaxLength(300) place!: string;
  @NestedField(() => AttendeesDto, { description: 'Attendees on both sides' }) attendees!: AttendeesDto;
  @TextList({ description: 'The agenda', example: ['Introductions', 'Winter campaign'], minItems: 1, maxItems: 30, maxLength: 300 })
  agenda!: string[];
}

export class MeetingStepDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'e.g. how the notice was sent, which car' }) @Optional() @IsString() @MaxLength(2000) note?: string;
  @PhotosField({ optional: true, description: 'The notice sent, the client’s confirmation, the materials' }) evidence?: EvidenceRef[];
}

export class RescheduleMeetingDto {
  @InstantField('The new start', '2026-12-12T10:00:00+08:00') startsAt!: string;
  @ApiPropertyOptional({ maxLength: 300, description: 'A new place (the same when absent)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place?: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class MeetingDecisionDto {
  @ApiProperty({ maxLength: 1000 }) @IsString() @IsNotEmpty() @MaxLength(1000) text!: string;
  @ApiProperty({ maxLength: 100, description: 'Who carries it out' }) @IsString() @IsNotEmpty() @MaxLength(100) owner!: string;
  @DateField('When it is due', '2026-12-12') dueOn!: string;
}

export class HoldMeetingDto {
  @InstantField('When it took place', '2026-12-10T10:05:00+08:00') heldAt!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @IsNotEmpty() @MaxLength(20000) minutes!: string;
  @ApiProperty({ type: [MeetingDecisionDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MeetingDecisionDto)
  decisions!: MeetingDecisionDto[];
  @PhotosField({ optional: true, description: 'Signed minutes, photos' }) evidence?: EvidenceRef[];
}

export class MeetingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @Optional() @IsIn(MEETING_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @Optional() @IsString() @IsNotEmpty() @MaxLength(64) clientId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Flagged by the 24 h checklist check' }) @Optional() @IsIn(['true', 'false']) flagged?: string;
  @DateField('Starting on or after this local day', '2026-12-01', { optional: true }) from?: string;
  @DateField('Starting on or before this local day', '2026-12-31', { optional: true }) to?: string;
}

export class MeetingsReportQueryDto {
  @DateField('First local day of meetings', '2026-12-01') from!: string;
  @DateField('Last local day of meetings', '2026-12-31') to!: string;
}

class ChecklistEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class ChecklistDto {
  @ApiProperty({ type: ChecklistEntryDto, nullable: true }) noticeSent!: ChecklistEntryDto | null;
  @ApiProperty({ type: ChecklistEntryDto, nullable: true }) clientConfirmed!: ChecklistEntryDto | null;
  @ApiProperty({ type: ChecklistEntryDto, nullable: true }) materialsPrepared!: ChecklistEntryDto | null;
  @ApiProperty({ type: ChecklistEntryDto, nullable: true }) transportArranged!: ChecklistEntryDto | null;
}

class AttendeesViewDto {
  @ApiProperty({ type: [String] }) agency!: string[];
  @ApiProperty({ type: [String] }) client!: string[];
}

class RescheduleViewDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class DecisionViewDto {
  @ApiProperty() text!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ example: '2026-12-12' }) dueOn!: string;
}

class MeetingBlockerDto {
  @ApiProperty({ enum: STEPS }) gate!: string;
  @ApiProperty() waitingFor!: string;
  @ApiProperty({ example: 'account-manager' }) releasedBy!: string;
  @ApiProperty({ type: [String] }) releasedByRoles!: string[];
}

export class MeetingViewDto {
  @ApiProperty({ enum: MEETING_STATUSES }) status!: string;
  @ApiProperty() meetingId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() place!: string;
  @ApiProperty({ type: AttendeesViewDto }) attendees!: AttendeesViewDto;
  @ApiProperty({ type: [String] }) agenda!: string[];
  @ApiProperty({ type: ChecklistDto }) checklist!: ChecklistDto;
  @ApiProperty({ type: ActorDto }) scheduledBy!: ActorDto;
  @ApiProperty({ type: [RescheduleViewDto] }) reschedules!: RescheduleViewDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the 24 h check found the checklist incomplete' }) flaggedAt!:
    string | null;
  @ApiProperty({ type: [String], enum: STEPS }) flaggedMissing!: string[];
  @ApiProperty({ description: 'Flagged by the 24 h check (for filtering)' }) flagged!: boolean;
  @ApiProperty({ type: [MeetingBlockerDto], description: 'What it still waits for, and who releases it' }) blockedBy!: MeetingBlockerDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) heldAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) minutes!: string | null;
  @ApiProperty({ type: [DecisionViewDto] }) decisions!: DecisionViewDto[];
  @ApiProperty({ type: [EvidenceRefViewDto] }) heldEvidence!: EvidenceRefViewDto[];
  @ApiProperty({ type: ActorDto, nullable: true }) recordedHeldBy!: ActorDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) cancelledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'With asOf: the instant the state is given for' }) asOf?: string;
}

export const MeetingPageDto = PageDto(MeetingViewDto);

class MeetingsReportRowDto {
  @ApiProperty() meetingId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status!: string;
  @ApiProperty({ type: [String], enum: STEPS }) missing!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) flaggedAt!: string | null;
}

class MeetingCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) scheduled!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) held!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) cancelled!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Flagged by the 24 h check' }) flagged!: number;
}

export class MeetingsReportDto {
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ type: MeetingCountsDto }) counts!: MeetingCountsDto;
  @ApiProperty({ type: [MeetingsReportRowDto], description: 'Meetings still scheduled, soonest first, with what their checklist misses' })
  due!: MeetingsReportRowDto[];
  @ApiProperty({ type: [MeetingsReportRowDto], description: 'Every meeting the 24 h check flagged' }) flagged!: MeetingsReportRowDto[];
}
