import { ruleViolated } from '@ooh/eventing';
import { blocker, type Blocker } from '../shared';
import type { FaceRef, OrderLine } from './media-order.lines';
import { countedUnits } from './media-order.lines';

export const CREATIVE_KINDS = ['video', 'light-box', 'other'] as const;
export type CreativeKind = (typeof CREATIVE_KINDS)[number];

/** The creative sent as materials: what the operator reviews and posts on its faces. */
export interface MaterialsCreative {
  description: string;
  kind: CreativeKind;
}

/** One line on the operator's own faces, as a booking request to Operations. */
export interface OohBookingRequest {
  requestId: string;
  planLineId: string;
  faces: FaceRef[];
  period: { start: string; end: string };
  amountFen: number;
}

export interface OohRequestState extends OohBookingRequest {
  revision: number;
  refusal: { code: string; reason: string } | null;
}

/** The booking requests of the lines bought on the operator's faces (none for other orders). */
export function oohRequestsOf(orderId: string, revision: number, lines: OrderLine[]): OohBookingRequest[] {
  return lines
    .filter((l) => l.faces.length > 0)
    .map((l) => {
      const units = countedUnits(l);
      const faces = [...new Map(units.filter((u) => u.face).map((u) => [`${u.face!.siteId}/${u.face!.face}`, u.face!])).values()];
      const start = units.map((u) => u.date).sort()[0];
      const end = units
        .map((u) => u.endDate)
        .sort()
        .at(-1)!;
      return { requestId: `${orderId}:r${revision}:${l.planLineId}`, planLineId: l.planLineId, faces, period: { start, end }, amountFen: l.netFen };
    });
}

/** An order on the operator's faces goes out with its creative: materials first. */
export function requireCreative(requests: OohBookingRequest[], creative: MaterialsCreative | null): void {
  if (requests.length > 0 && creative === null)
    throw ruleViolated(
      'OOH_CREATIVE_REQUIRED',
      'An order on the operator’s own faces is sent with its creative: record the materials (with the creative) first',
      {
        blockedBy: [blocker('materials', 'The creative sent as materials, for the operator’s review', ['media-manager'])],
      },
    );
}

/** The operator's refusals of this order's requests, for the order's blockers. */
export function oohBlockers(requests: OohRequestState[], signedRevision: number): Blocker[] {
  return requests
    .filter((r) => r.revision === signedRevision && r.refusal !== null)
    .map((r) => blocker('operator-booking', `A revision of line ${r.planLineId}: the operator refused its booking (${r.refusal!.reason})`, ['media-manager']));
}
