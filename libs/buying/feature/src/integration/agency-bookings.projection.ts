import { eventProjection } from '@ooh/eventing';
import { agencyBookingId } from '@ooh/contracts';
import type { MediaOrderEvent } from '@ooh/buying-domain';

export const AGENCY_BOOKINGS = 'buying_agency_bookings';

export interface AgencyBookingDoc {
  [key: string]: unknown;
  bookingId: string;
  orderId: string;
  planLineId: string;
  requestId: string;
  revision: number;
}

/** Which order line each booking the operator took for the agency belongs to (its posting and proof of play come back by booking id). */
export const agencyBookingsProjection = eventProjection<MediaOrderEvent>({
  name: 'buying.agency-bookings',
  collections: [AGENCY_BOOKINGS],
  categories: ['buying.media_order'],
  on: {
    MediaOrderSent({ data }, { put }) {
      for (const r of data.ooh?.requests ?? []) {
        const bookingId = agencyBookingId(r.requestId);
        put(AGENCY_BOOKINGS, bookingId, { bookingId, orderId: data.orderId, planLineId: r.planLineId, requestId: r.requestId, revision: data.revision });
      }
    },
  },
});
