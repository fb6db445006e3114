import { addDays, localDate } from '@ooh/calendar';
import { AppError, forbidden, notFound, ruleViolated, type Actor, type Command, type EvidenceRef } from '@ooh/eventing';
import { blank, requireReason, requireRole } from '../shared';
import type { RateCard } from '../vendor/vendor.events';
import type { AudienceFigures, AudienceSource, ProofDiscrepancy, ProofOutcome, ProofSource, UnitProof, DeliveryEvent } from './media-order.delivery.events';
import { signedRevisionOf, type MediaOrderState } from './media-order.events';
import { checkMakegood } from './media-order.makegoods';
import { lineTotals, priced, totalsOf, type OrderLine, type OrderUnit, type OrderUnitInput } from './media-order.lines';

export const PROOF_COLLECTORS = ['media-manager'] as const;
export const MAKEGOOD_DECIDERS = ['media-manager', 'media-director'] as const;
export const OUTSIDE_RULE_ACCEPTORS = ['media-director'] as const;
export const PROOF_DELIVERERS = ['account-manager'] as const;
export const AUDIENCE_RECORDERS = ['media-manager'] as const;
/** At most this many units' proof in one import or request. */
export const MAX_PROOFS_PER_BATCH = 5_000;

export interface ProofInput {
  unitId: string;
  outcome: ProofOutcome;
  airedAt: string | null;
  airedLengthSeconds: number | null;
  source: ProofSource;
  evidence: EvidenceRef[];
  note: string;
  /**
   * Adds to the unit's proof instead of replacing it (an operator's removal report or proof of play
   * after the posting report): evidence merged, the first airing kept. Without proof yet and without
   * an airing time, there is nothing to add to: the unit is left as it is.
   */
  addToExisting?: boolean;
}

export type RecordUnitProofs = Command<
  'RecordUnitProofs',
  { orderId: string; proofs: ProofInput[]; importedFrom: EvidenceRef | null; graceDays: number; timeZone: string; at: string; by: Actor }
>;
export type OfferMakegood = Command<
  'OfferMakegood',
  { orderId: string; makegoodId: string; planLineId: string; forUnitIds: string[]; units: OrderUnitInput[]; rateCards: RateCard[]; at: string; by: Actor }
>;
export type AcceptMakegood = Command<'AcceptMakegood', { orderId: string; makegoodId: string; reason: string; at: string; by: Actor }>;
export type RejectMakegood = Command<'RejectMakegood', { orderId: string; makegoodId: string; reason: string; creditId: string; at: string; by: Actor }>;
export type DeliverProofPack = Command<
  'DeliverProofPack',
  { orderId: string; packId: string; unitIds: string[]; deliveredOn: string; recipient: string; note: string; today: string; at: string; by: Actor }
>;
export type RecordProofAcknowledgement = Command<
  'RecordProofAcknowledgement',
  { orderId: string; packId: string; acknowledgedOn: string; evidence: EvidenceRef[]; today: string; at: string; by: Actor }
>;

export type RecordAudienceDelivery = Command<
  'RecordAudienceDelivery',
  {
    orderId: string;
    planLineId: string;
    measuredOn: string;
    source: AudienceSource;
    figures: AudienceFigures;
    evidence: EvidenceRef[];
    note: string;
    today: string;
    at: string;
    by: Actor;
  }
>;

export type DeliveryCommand =
  RecordUnitProofs | OfferMakegood | AcceptMakegood | RejectMakegood | DeliverProofPack | RecordProofAcknowledgement | RecordAudienceDelivery;

const isSystem = (by: Actor) => by.role === 'system';

/** Units of the revision in force, by id, with their line. */
function unitsInForce(state: MediaOrderState): Map<string, { line: OrderLine; unit: OrderUnit }> {
  const lines = signedRevisionOf(state)?.lines ?? [];
  return new Map(lines.flatMap((line) => line.units.map((unit) => [unit.unitId, { line, unit }] as const)));
}

function requireBought(state: MediaOrderState, what: string): void {
  if (state.status === 'none') throw notFound('MEDIA_ORDER_NOT_FOUND', `No media order ${state.orderId}`);
  // Proof follows the order out: the vendor's confirmation, or (the operator's own faces) the booking request sent.
  if (state.signedRevision === 0 || (state.confirmation === null && state.sent === null) || state.status === 'cancelled')
    throw ruleViolated('ORDER_NOT_CONFIRMED', `${what}: the order is not signed and sent to the vendor`);
}

function proofOf(input: ProofInput, unit: OrderUnit, command: RecordUnitProofs['data'], n: number): UnitProof {
  const { importedFrom, graceDays, timeZone, at, by } = command;
  const row = `Proof ${n + 1} (unit ${input.unitId})`;
  const discrepancies: ProofDiscrepancy[] = [];
  if (input.outcome === 'aired') {
    if (input.airedAt === null) throw ruleViolated('AIRED_AT_REQUIRED', `${row}: an aired unit says when it aired`, { row: n });
    if (input.airedAt > at) throw ruleViolated('AIRED_IN_FUTURE', `${row}: it cannot have aired at ${input.airedAt}, after now`, { row: n });
    const day = localDate(input.airedAt, timeZone);
    if (day < unit.date || day > unit.endDate) discrepancies.push('time');
    if (input.airedLengthSeconds !== null && unit.spotLengthSeconds !== null && input.airedLengthSeconds !== unit.spotLengthSeconds)
      discrepancies.push('length');
  } else if (input.airedAt !== null) throw ruleViolated('AIRED_AT_NOT_EXPECTED', `${row}: a ${input.outcome} unit did not air`, { row: n });
  if (input.evidence.length === 0 && importedFrom === null && !isSystem(by))
    throw ruleViolated('EVIDENCE_REQUIRED', `${row}: proof is recorded with its evidence (affidavit, e-invoice line, tear sheet, photo)`, { row: n });
  const late = localDate(at, timeZone) > addDays(unit.endDate, graceDays);
  return { ...input, discrepancies, late, importedFrom, recordedAt: at, recordedBy: by };
}

function offerOf(state: MediaOrderState, makegoodId: string) {
  const offer = state.makegoods.find((m) => m.makegoodId === makegoodId);
  if (!offer) throw notFound('MAKEGOOD_NOT_FOUND', `Order ${state.orderId} has no makegood ${makegoodId}`);
  if (offer.status !== 'offered') throw ruleViolated('MAKEGOOD_DECIDED', `Makegood ${makegoodId} was already ${offer.status}`);
  return offer;
}

/** Proof of airing per unit, makegoods for what did not air, and the proof delivered to the client. */
export function decideDelivery(command: DeliveryCommand, state: MediaOrderState): DeliveryEvent[] {
  switch (command.type) {
    case 'RecordUnitProofs': {
      const { orderId, proofs, importedFrom, at, by } = command.data;
      if (!isSystem(by)) requireRole(by, PROOF_COLLECTORS, 'Recording proof of airing');
      requireBought(state, 'Recording proof');
      if (proofs.length === 0) throw ruleViolated('PROOFS_REQUIRED', 'At least one unit’s proof');
      if (proofs.length > MAX_PROOFS_PER_BATCH) throw ruleViolated('TOO_MANY_PROOFS', `At most ${MAX_PROOFS_PER_BATCH} units at a time, not ${proofs.length}`);
      const units = unitsInForce(state);
      const seen = new Set<string>();
      const recorded = proofs.flatMap((given, n) => {
        const known = state.proofs[given.unitId];
        const { addToExisting, ...rest } = given;
        if (addToExisting && !known && given.airedAt === null) return [];
        const keepsKnown = known && (known.outcome === 'aired' || rest.airedAt === null);
        const input: ProofInput =
          addToExisting && known
            ? {
                ...rest,
                outcome: keepsKnown ? known.outcome : rest.outcome,
                airedAt: keepsKnown ? known.airedAt : rest.airedAt,
                evidence: [...known.evidence, ...rest.evidence.filter((e) => !known.evidence.some((k) => k.blobId === e.blobId))],
              }
            : rest;
        const found = units.get(input.unitId);
        if (!found) throw ruleViolated('UNIT_NOT_FOUND', `Proof ${n + 1}: the order has no unit ${input.unitId}`, { row: n, unitId: input.unitId });
        if (seen.has(input.unitId)) throw ruleViolated('DUPLICATE_UNIT', `Proof ${n + 1}: unit ${input.unitId} appears twice`, { row: n });
        seen.add(input.unitId);
        return [proofOf(input, found.unit, command.data, n)];
      });
      // Redelivered proof (same unit, outcome, time and evidence) changes nothing.
      const fresh = recorded.filter((p) => {
        const known = state.proofs[p.unitId];
        return !(known && known.outcome === p.outcome && known.airedAt === p.airedAt && JSON.stringify(known.evidence) === JSON.stringify(p.evidence));
      });
      return fresh.length === 0 ? [] : [{ type: 'UnitProofsRecorded', data: { orderId, proofs: fresh, importedFrom, at, by } }];
    }
    case 'OfferMakegood': {
      const { orderId, makegoodId, planLineId, forUnitIds, units, rateCards, at, by } = command.data;
      requireRole(by, PROOF_COLLECTORS, 'Recording a vendor’s makegood offer');
      requireBought(state, 'A makegood');
      if (state.makegoods.some((m) => m.makegoodId === makegoodId)) throw new AppError('conflict', 'MAKEGOOD_ALREADY_EXISTS', `Makegood ${makegoodId} exists`);
      const inForce = unitsInForce(state);
      if (forUnitIds.length === 0 || units.length === 0)
        throw ruleViolated('MAKEGOOD_UNITS_REQUIRED', 'A makegood replaces at least one unit with at least one');
      const replaced = forUnitIds.map((id) => {
        const found = inForce.get(id);
        if (!found || found.line.planLineId !== planLineId) throw ruleViolated('UNIT_NOT_FOUND', `Line ${planLineId} has no unit ${id}`);
        const outcome = state.proofs[id]?.outcome;
        if (outcome !== 'missed' && outcome !== 'preempted')
          throw ruleViolated('UNIT_NOT_MISSED', `Unit ${id} is ${outcome ?? 'without proof'}: only a missed or preempted unit is made good`);
        if (found.unit.replacedBy !== null) throw ruleViolated('UNIT_ALREADY_REPLACED', `Unit ${id} was made good by ${found.unit.replacedBy}`);
        if (state.makegoods.some((m) => m.status === 'offered' && m.forUnitIds.includes(id)))
          throw ruleViolated('MAKEGOOD_PENDING', `Unit ${id} already has a makegood offer waiting`);
        return found.unit;
      });
      const clash = units.find((u) => inForce.has(u.unitId));
      if (clash) throw ruleViolated('DUPLICATE_UNIT', `Unit ${clash.unitId} is already in the order`);
      const line = inForce.get(forUnitIds[0])!.line;
      const check = checkMakegood(line, replaced, units, rateCards);
      return [
        {
          type: 'MakegoodOffered',
          data: {
            orderId,
            offer: { makegoodId, planLineId, forUnitIds, units, check, offeredAt: at, offeredBy: by, status: 'offered', decision: null },
            at,
            by,
          },
        },
      ];
    }
    case 'AcceptMakegood': {
      const { orderId, makegoodId, reason, at, by } = command.data;
      requireRole(by, MAKEGOOD_DECIDERS, 'Accepting a makegood');
      requireBought(state, 'Accepting a makegood');
      const offer = offerOf(state, makegoodId);
      const outsideRule = !offer.check.withinRule;
      if (outsideRule) {
        if (!OUTSIDE_RULE_ACCEPTORS.includes(by.role as 'media-director'))
          throw forbidden(
            'MAKEGOOD_OUTSIDE_RULE',
            `Makegood ${makegoodId} fails the value rule (${offer.check.failures.join('; ')}): only a media director may accept it, with a reason`,
          );
        requireReason(reason, 'Accepting a makegood outside the value rule');
      }
      if (state.currentRevision !== state.signedRevision)
        throw ruleViolated('REVISION_OPEN', `Revision ${state.currentRevision} is being drafted: it is signed or the makegood waits`);
      const signed = signedRevisionOf(state)!;
      const lines = signed.lines.map((l) => {
        if (l.planLineId !== offer.planLineId) return l;
        const units = [
          ...l.units.map((u) => (offer.forUnitIds.includes(u.unitId) ? { ...u, replacedBy: makegoodId } : u)),
          ...offer.units.map((u) => priced(u, l.commissionPercent, makegoodId)),
        ];
        return lineTotals({ ...l, units });
      });
      const revision = state.revisions.length + 1;
      return [{ type: 'MakegoodAccepted', data: { orderId, makegoodId, revision, lines, totals: totalsOf(lines), reason, outsideRule, at, by } }];
    }
    case 'RejectMakegood': {
      const { orderId, makegoodId, reason, creditId, at, by } = command.data;
      requireRole(by, MAKEGOOD_DECIDERS, 'Rejecting a makegood');
      requireBought(state, 'Rejecting a makegood');
      const offer = offerOf(state, makegoodId);
      requireReason(reason, 'A rejected makegood');
      const inForce = unitsInForce(state);
      const amountFen = offer.forUnitIds.reduce((s, id) => s + (inForce.get(id)?.unit.netFen ?? 0), 0);
      const credit = { creditId, unitIds: offer.forUnitIds, amountFen, reason: `Makegood ${makegoodId} rejected: ${reason}`, at, by };
      return [{ type: 'MakegoodRejected', data: { orderId, makegoodId, reason, credit, at, by } }];
    }
    case 'DeliverProofPack': {
      const { orderId, packId, unitIds, deliveredOn, recipient, note, today, at, by } = command.data;
      requireRole(by, PROOF_DELIVERERS, 'Delivering proof to the client');
      requireBought(state, 'A proof pack');
      if (state.proofPacks.some((p) => p.packId === packId)) throw new AppError('conflict', 'PROOF_PACK_ALREADY_EXISTS', `Proof pack ${packId} exists`);
      if (deliveredOn > today) throw ruleViolated('DELIVERED_IN_FUTURE', `A pack cannot be delivered on ${deliveredOn}, after today (${today})`);
      if (blank(recipient)) throw ruleViolated('RECIPIENT_REQUIRED', 'A proof pack says who at the client received it');
      const chosen = unitIds.length > 0 ? unitIds : Object.keys(state.proofs);
      const without = chosen.find((id) => !state.proofs[id]);
      if (without) throw ruleViolated('PROOF_MISSING', `Unit ${without} has no proof of airing yet`);
      if (chosen.length === 0) throw ruleViolated('PROOFS_REQUIRED', 'No unit has proof of airing yet');
      const units = chosen.map((id) => {
        const p = state.proofs[id];
        return { unitId: id, outcome: p.outcome, airedAt: p.airedAt, evidence: p.importedFrom ? [...p.evidence, p.importedFrom] : p.evidence };
      });
      const pack = { packId, units, deliveredOn, recipient, note, deliveredAt: at, deliveredBy: by, acknowledgement: null };
      return [{ type: 'ProofPackDelivered', data: { orderId, pack, at, by } }];
    }
    case 'RecordAudienceDelivery': {
      const { orderId, planLineId, measuredOn, source, figures, evidence, note, today, at, by } = command.data;
      requireRole(by, AUDIENCE_RECORDERS, 'Recording the audience a line delivered');
      requireBought(state, 'A post-buy measurement');
      const line = signedRevisionOf(state)?.lines.find((l) => l.planLineId === planLineId);
      if (!line) throw ruleViolated('LINE_NOT_FOUND', `Order ${orderId} buys no plan line ${planLineId}`);
      const firstDay = line.units.map((u) => u.date).sort()[0] ?? line.flight.start;
      if (measuredOn > today || measuredOn < firstDay)
        throw ruleViolated(
          'MEASURED_OUTSIDE_WINDOW',
          `A line’s audience is measured between its first day (${firstDay}) and today (${today}), not on ${measuredOn}`,
        );
      if (Object.values(figures).every((v) => v === null))
        throw ruleViolated('FIGURES_REQUIRED', 'A measurement gives at least one of impressions, GRP, reach and frequency');
      if (figures.frequency !== null && figures.frequency < 1) throw ruleViolated('FREQUENCY_BELOW_ONE', 'Each person reached saw it at least once');
      if (
        figures.grp !== null &&
        figures.reach !== null &&
        figures.frequency !== null &&
        Math.abs(figures.reach * figures.frequency - figures.grp) > figures.grp * 0.05
      )
        throw ruleViolated('GRP_NOT_REACH_TIMES_FREQUENCY', `GRP ${figures.grp} is reach ${figures.reach} times frequency ${figures.frequency} (within 5 %)`);
      if (evidence.length === 0)
        throw ruleViolated('EVIDENCE_REQUIRED', 'A measurement is recorded with its source report (ratings, ad-server or traffic report)');
      const vendor = { vendorId: state.vendor?.vendorId ?? '', name: state.vendor?.name ?? '' };
      const measurement = { planLineId, channel: line.channel, vendor, measuredOn, source, ...figures, evidence, note, recordedAt: at, recordedBy: by };
      return [{ type: 'AudienceDeliveryRecorded', data: { orderId, measurement, at, by } }];
    }
    case 'RecordProofAcknowledgement': {
      const { orderId, packId, acknowledgedOn, evidence, today, at, by } = command.data;
      requireRole(by, PROOF_DELIVERERS, 'Recording the client’s acknowledgement');
      const pack = state.proofPacks.find((p) => p.packId === packId);
      if (!pack) throw notFound('PROOF_PACK_NOT_FOUND', `Order ${orderId} has no proof pack ${packId}`);
      if (pack.acknowledgement) throw ruleViolated('ALREADY_ACKNOWLEDGED', `The client acknowledged pack ${packId} on ${pack.acknowledgement.acknowledgedOn}`);
      if (acknowledgedOn > today || acknowledgedOn < pack.deliveredOn)
        throw ruleViolated('ACKNOWLEDGED_OUTSIDE_WINDOW', `The acknowledgement falls between the delivery (${pack.deliveredOn}) and today (${today})`);
      if (evidence.length === 0) throw ruleViolated('EVIDENCE_REQUIRED', 'The client’s acknowledgement is recorded with its evidence (signed receipt, e-mail)');
      return [{ type: 'ProofPackAcknowledged', data: { orderId, packId, acknowledgedOn, evidence, at, by } }];
    }
  }
}
