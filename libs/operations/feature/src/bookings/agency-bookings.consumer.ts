import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { oohBookingRequestedV1, type OohBookingRequestedV1 } from '@ooh/contracts';
import { commandContext, isAppError, SYSTEM_ACTORS } from '@ooh/eventing';
import { BusContext, Consumes, Delivery } from '@ooh/http-kit';
import { BookingRequests } from './booking-requests.process';

/** A refusal no retry will change (taken faces, unknown or retired sites, a period the rules refuse): recorded so the agency learns why. */
const isFinalRefusal = (error: unknown) =>
  isAppError(error) && (error.code === 'FACES_UNAVAILABLE' || ['rule-violated', 'not-found', 'invalid', 'unprocessable'].includes(error.kind));

/**
 * The agency's OOH orders on the operator's own faces (buying's `ooh-booking-requested`): each line
 * becomes a booking requested by the agency, through the same process as sales' requests (faces
 * held on the calendar, the usual reviews, payment gate and posting). A redelivered request finds
 * its booking already there (the id derives from the request) and changes nothing.
 */
@Controller()
export class AgencyBookingsConsumer {
  constructor(private readonly requests: BookingRequests) {}

  @Consumes(oohBookingRequestedV1, { group: 'operations.agency-bookings' })
  async requested(@Payload() d: OohBookingRequestedV1, @Delivery() context: BusContext): Promise<void> {
    for (const r of d.requests) {
      const ctx = commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed, [r.requestId]);
      const agencyOrder = { orderId: d.orderId, planLineId: r.planLineId, requestId: r.requestId };
      const creative = { creativeId: d.creative.creativeId, description: d.creative.description, kind: d.creative.kind, files: d.creative.files };
      const input = {
        advertiser: d.advertiser,
        faces: r.faces,
        period: r.period,
        creative,
        price: { amountFen: r.amountFen, currency: d.currency },
        agencyOrder,
      };
      try {
        await this.requests.request(input, ctx, r.bookingId);
      } catch (error) {
        if (isAppError(error) && error.code === 'BOOKING_ALREADY_EXISTS') continue;
        if (!isAppError(error) || !isFinalRefusal(error)) throw error;
        const conflicts =
          (error.extensions.conflicts as Array<{ siteId: string; face: string; bookingId: string; from: string; to: string }> | undefined) ?? [];
        await this.requests.bookings.execute(
          r.bookingId,
          'RecordAgencyRequestRefused',
          { agencyOrder, code: error.code, reason: error.message, conflicts },
          commandContext.fromMessage(context.message, SYSTEM_ACTORS.feed, [r.requestId, 'refused']),
        );
      }
    }
  }
}
