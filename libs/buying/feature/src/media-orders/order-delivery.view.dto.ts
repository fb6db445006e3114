import { ApiProperty } from '@nestjs/swagger';
import { AUDIENCE_SOURCES, PROOF_OUTCOMES, PROOF_SOURCES, RATE_UNITS } from '@ooh/buying-domain';
import { ActorDto, EvidenceRefViewDto } from '@ooh/http-kit';

class OfferedFaceViewDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() face!: string;
}

class OfferedUnitViewDto {
  @ApiProperty() unitId!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty() daypart!: string;
  @ApiProperty({ enum: RATE_UNITS }) unit!: string;
  @ApiProperty({ type: 'integer', nullable: true }) spotLengthSeconds!: number | null;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) rateFen!: number;
  @ApiProperty({ type: String, nullable: true }) negotiationNote!: string | null;
  @ApiProperty({ type: OfferedFaceViewDto, nullable: true }) face!: OfferedFaceViewDto | null;
}

class MakegoodCheckViewDto {
  @ApiProperty() withinRule!: boolean;
  @ApiProperty({ type: 'object', properties: { offered: { type: 'integer' }, replaced: { type: 'integer' } } }) costFen!: { offered: number; replaced: number };
  @ApiProperty({ type: 'object', properties: { offered: { type: 'integer' }, replaced: { type: 'integer' } } }) weight!: { offered: number; replaced: number };
  @ApiProperty() daypartOk!: boolean;
  @ApiProperty() windowOk!: boolean;
  @ApiProperty({ type: [String] }) failures!: string[];
}

class MakegoodDecisionViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty() outsideRule!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class MakegoodViewDto {
  @ApiProperty() makegoodId!: string;
  @ApiProperty() planLineId!: string;
  @ApiProperty({ type: [String] }) forUnitIds!: string[];
  @ApiProperty({ type: [OfferedUnitViewDto] }) units!: OfferedUnitViewDto[];
  @ApiProperty({ type: MakegoodCheckViewDto }) check!: MakegoodCheckViewDto;
  @ApiProperty({ format: 'date-time' }) offeredAt!: string;
  @ApiProperty({ type: ActorDto }) offeredBy!: ActorDto;
  @ApiProperty({ enum: ['offered', 'accepted', 'rejected'] }) status!: string;
  @ApiProperty({ type: MakegoodDecisionViewDto, nullable: true }) decision!: MakegoodDecisionViewDto | null;
}

export class UnitProofViewDto {
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: PROOF_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) airedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) airedLengthSeconds!: number | null;
  @ApiProperty({ enum: PROOF_SOURCES }) source!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty() note!: string;
  @ApiProperty({ type: [String], enum: ['time', 'length'] }) discrepancies!: string[];
  @ApiProperty() late!: boolean;
  @ApiProperty({ type: EvidenceRefViewDto, nullable: true }) importedFrom!: EvidenceRefViewDto | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
}

export class CreditViewDto {
  @ApiProperty() creditId!: string;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

class PackUnitViewDto {
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: PROOF_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) airedAt!: string | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
}

class AcknowledgementViewDto {
  @ApiProperty({ format: 'date' }) acknowledgedOn!: string;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorDto }) by!: ActorDto;
}

export class ProofPackViewDto {
  @ApiProperty() packId!: string;
  @ApiProperty({ type: [PackUnitViewDto] }) units!: PackUnitViewDto[];
  @ApiProperty({ format: 'date' }) deliveredOn!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
  @ApiProperty({ type: ActorDto }) deliveredBy!: ActorDto;
  @ApiProperty({ type: AcknowledgementViewDto, nullable: true }) acknowledgement!: AcknowledgementViewDto | null;
}

class AudienceVendorViewDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
}

export class AudienceMeasurementViewDto {
  @ApiProperty() planLineId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: AudienceVendorViewDto }) vendor!: AudienceVendorViewDto;
  @ApiProperty({ format: 'date' }) measuredOn!: string;
  @ApiProperty({ enum: AUDIENCE_SOURCES }) source!: string;
  @ApiProperty({ type: Number, nullable: true }) impressions!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Gross rating points in the line’s target audience' }) grp!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent of the target audience reached' }) reach!: number | null;
  @ApiProperty({ type: Number, nullable: true }) frequency!: number | null;
  @ApiProperty({ type: [EvidenceRefViewDto] }) evidence!: EvidenceRefViewDto[];
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) recordedBy!: ActorDto;
}
