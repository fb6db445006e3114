import { eventProjection, type ProjectionContext } from '@ooh/eventing';
import type { MediaOrderEvent, MediaOrderState, OrderLine, OrderUnit } from '@ooh/buying-domain';
import { MEDIA_ORDERS } from './media-orders.projection';

export const ORDER_UNITS = 'buying_order_units';
export const MAKEGOODS = 'buying_makegoods';

type OrderDoc = MediaOrderState & Record<string, unknown>;

function unitDoc(order: OrderDoc, line: OrderLine, unit: OrderUnit): Record<string, unknown> {
  const proof = order.proofs[unit.unitId];
  return {
    orderId: order.orderId,
    unitId: unit.unitId,
    vendorId: order.vendor?.vendorId ?? '',
    vendorName: order.vendor?.name ?? '',
    briefId: order.plan?.briefId ?? '',
    campaign: order.plan?.campaign ?? '',
    planLineId: line.planLineId,
    channel: line.channel,
    property: line.property,
    date: unit.date,
    endDate: unit.endDate,
    daypart: unit.daypart,
    spotLengthSeconds: unit.spotLengthSeconds,
    quantity: unit.quantity,
    rateFen: unit.rateFen,
    netFen: unit.netFen,
    face: unit.face,
    makegoodFor: unit.makegoodFor,
    replacedBy: unit.replacedBy,
    orderStatus: order.status,
    proof: proof ? proof.outcome : 'pending',
    airedAt: proof?.airedAt ?? null,
    proofLate: proof?.late ?? false,
    discrepancies: proof?.discrepancies ?? [],
  };
}

/** Every unit of the revision in force, one document each (rewritten from the order as the order projection left it). */
async function writeUnits(orderId: string, context: ProjectionContext, only?: string[]): Promise<void> {
  const order = await context.get<OrderDoc>(MEDIA_ORDERS, orderId);
  if (!order) return;
  const revision = order.revisions.find((r) => r.revision === order.signedRevision);
  for (const line of revision?.lines ?? [])
    for (const unit of line.units) if (!only || only.includes(unit.unitId)) context.put(ORDER_UNITS, `${orderId}:${unit.unitId}`, unitDoc(order, line, unit));
}

/**
 * Units and makegoods of signed orders, for the lists buying works from: units due for proof and
 * overdue, what aired, open makegoods. Runs combined with the orders projection, after it.
 */
export const orderUnitsProjection = eventProjection<MediaOrderEvent>({
  name: 'buying.order-units',
  collections: [ORDER_UNITS, MAKEGOODS],
  categories: ['buying.media_order'],
  indexes: [
    { collection: ORDER_UNITS, fields: ['proof', 'endDate'] },
    { collection: ORDER_UNITS, fields: ['vendorId', 'proof'] },
    { collection: ORDER_UNITS, fields: ['orderId'] },
    { collection: MAKEGOODS, fields: ['status'] },
  ],
  on: {
    MediaOrderSigned: ({ data }, context) => writeUnits(data.orderId, context),
    MediaOrderConfirmed: ({ data }, context) => writeUnits(data.orderId, context),
    MediaOrderCancelled: ({ data }, context) => writeUnits(data.orderId, context),
    UnitProofsRecorded: ({ data }, context) =>
      writeUnits(
        data.orderId,
        context,
        data.proofs.map((p) => p.unitId),
      ),
    async MakegoodOffered({ data }, { put, get }) {
      const order = await get<OrderDoc>(MEDIA_ORDERS, data.orderId);
      put(MAKEGOODS, data.offer.makegoodId, { orderId: data.orderId, vendorId: order?.vendor?.vendorId ?? '', ...data.offer });
    },
    async MakegoodAccepted({ data }, context) {
      await writeUnits(data.orderId, context);
      await decided(context, data.makegoodId, 'accepted', { reason: data.reason, outsideRule: data.outsideRule, at: data.at, by: data.by });
    },
    async MakegoodRejected({ data }, context) {
      await decided(context, data.makegoodId, 'rejected', { reason: data.reason, outsideRule: false, at: data.at, by: data.by });
    },
  },
});

async function decided(context: ProjectionContext, makegoodId: string, status: string, decision: Record<string, unknown>): Promise<void> {
  const doc = await context.get(MAKEGOODS, makegoodId);
  if (doc) context.put(MAKEGOODS, makegoodId, { ...doc, status, decision });
}
