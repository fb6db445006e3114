import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { instantFromText } from '@ooh/calendar';
import {
  agencyBookingRefusedV1,
  bookingPostedV1,
  bookingRemovedV1,
  proofOfPlayIssuedV1,
  type AgencyBookingRefusedV1,
  type BookingPostedV1,
  type BookingRemovedV1,
  type ProofOfPlayIssuedV1,
} from '@ooh/contracts';
import { commandContext, SYSTEM_ACTORS, type EvidenceRef, type ReadModelStore } from '@ooh/eventing';
import { Aggregates, BusContext, Consumes, Delivery, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig } from '@ooh/http-kit';
import { mediaOrderAggregate, signedRevisionOf, type OrderUnit, type ProofInput, type ProofSource } from '@ooh/buying-domain';
import { BUYING_SETTINGS, type BuyingSettings } from '../buying.settings';
import { AGENCY_BOOKINGS, type AgencyBookingDoc } from './agency-bookings.projection';

/**
 * The operator's reports on the bookings it took for the agency come back as proof of airing of the
 * order line they were requested for: the posting report (上刊), the removal report (下刊) and the
 * monthly proof of play (监播报告), each unit's evidence added to. A refused request shows on the order.
 */
@Controller()
export class OperatorFeedConsumer {
  private readonly orders;

  constructor(
    aggregates: Aggregates,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUYING_SETTINGS) private readonly settings: BuyingSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.orders = aggregates.commands(mediaOrderAggregate);
  }

  /** The order line a booking was requested for, and its units on the operator's faces (undefined: not the agency's). */
  private async lineOf(bookingId: string): Promise<{ ref: AgencyBookingDoc; units: OrderUnit[] } | undefined> {
    const ref = (await this.readModels.get<AgencyBookingDoc>(AGENCY_BOOKINGS, bookingId))?.doc;
    if (!ref) return undefined;
    const { state: order } = await this.orders.load(ref.orderId);
    const line = signedRevisionOf(order)?.lines.find((l) => l.planLineId === ref.planLineId);
    return { ref, units: (line?.units ?? []).filter((u) => u.face !== null && u.replacedBy === null) };
  }

  private async record(orderId: string, proofs: ProofInput[], context: BusContext, key: string): Promise<void> {
    if (proofs.length === 0) return;
    const data = { proofs, importedFrom: null, graceDays: this.settings.proofGraceDays, timeZone: this.config.timeZone };
    await this.orders.execute(orderId, 'RecordUnitProofs', data, commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed, [key]));
  }

  /** Evidence for a unit, added to what it has (the decider merges on the order as it stands). */
  private proof(unit: OrderUnit, airedAt: string | null, evidence: EvidenceRef[], source: ProofSource, note: string): ProofInput {
    return { unitId: unit.unitId, outcome: 'aired', airedAt, airedLengthSeconds: null, source, evidence, note, addToExisting: true };
  }

  private startOf(day: string): string {
    return instantFromText(`${day} 00:00`, this.config.timeZone)!;
  }

  @Consumes(bookingPostedV1, { group: 'buying.operator-postings' })
  async posted(@Payload() d: BookingPostedV1, @Delivery() context: BusContext): Promise<void> {
    const found = await this.lineOf(d.bookingId);
    if (!found) return;
    const proofs = found.units.map((u) =>
      this.proof(u, this.startOf(d.postedOn), d.photos, 'operator-posting', `Posted on ${d.postedOn} (booking ${d.bookingId})`),
    );
    await this.record(found.ref.orderId, proofs, context, 'posted');
  }

  @Consumes(bookingRemovedV1, { group: 'buying.operator-removals' })
  async removed(@Payload() d: BookingRemovedV1, @Delivery() context: BusContext): Promise<void> {
    const found = await this.lineOf(d.bookingId);
    if (!found) return;
    // A removal proves the end of a posting already proven; it adds its photos to those units.
    const proofs = found.units.map((u) =>
      this.proof(u, null, d.photos, 'operator-removal', `Removed on ${d.removedOn}${d.earlyTermination ? ' (terminated early)' : ''}`),
    );
    await this.record(found.ref.orderId, proofs, context, 'removed');
  }

  @Consumes(proofOfPlayIssuedV1, { group: 'buying.operator-proof-of-play' })
  async proofOfPlay(@Payload() d: ProofOfPlayIssuedV1, @Delivery() context: BusContext): Promise<void> {
    const byOrder = new Map<string, ProofInput[]>();
    for (const line of d.lines) {
      const found = await this.lineOf(line.bookingId);
      if (!found || line.daysLive.length === 0) continue;
      const first = [...line.daysLive].sort()[0];
      const units = found.units.filter(
        (u) => u.face?.siteId === line.siteId && u.face.face === line.face && line.daysLive.some((day) => day >= u.date && day <= u.endDate),
      );
      const proofs = units.map((u) =>
        this.proof(u, this.startOf(first), line.photos, 'operator-proof-of-play', `Proof of play ${d.month}: ${line.daysLive.length} day(s) live`),
      );
      byOrder.set(found.ref.orderId, [...(byOrder.get(found.ref.orderId) ?? []), ...proofs]);
    }
    for (const [orderId, proofs] of byOrder) await this.record(orderId, proofs, context, orderId);
  }

  @Consumes(agencyBookingRefusedV1, { group: 'buying.operator-refusals' })
  async refused(@Payload() d: AgencyBookingRefusedV1, @Delivery() context: BusContext): Promise<void> {
    const found = await this.lineOf(d.bookingId);
    if (!found) return;
    await this.orders.execute(
      found.ref.orderId,
      'RecordOohBookingRefused',
      { requestId: d.requestId, code: d.code, reason: d.reason },
      commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed),
    );
  }
}
