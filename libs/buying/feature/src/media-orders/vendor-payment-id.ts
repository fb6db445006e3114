import { deterministicId } from '@ooh/eventing';

/** One payment request per order and milestone: its id is derived, so finance's answer finds it again. */
export const vendorPaymentRequestId = (orderId: string, milestone: string): string => deterministicId('buying-vendor-payment', orderId, milestone);
