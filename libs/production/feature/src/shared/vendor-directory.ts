import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { vendorChangedV1, type VendorChangedV1 } from '@ooh/contracts';
import type { ReadModelStore } from '@ooh/eventing';
import { BusContext, Consumes, Delivery, READ_MODELS } from '@ooh/http-kit';

export const PRODUCTION_VENDORS = 'production_vendors';

export interface KnownVendor {
  [key: string]: unknown;
  vendorId: string;
  name: string;
  kind: string;
  active: boolean;
  changedAt: string;
}

/** Buying's vendor library as production knows it (its public feed): who may be invited to quote. */
@Controller()
export class VendorDirectoryConsumer {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Consumes(vendorChangedV1, { group: 'production.vendor-directory' })
  async changed(@Payload() d: VendorChangedV1, @Delivery() _context: BusContext): Promise<void> {
    const stored = await this.readModels.get<KnownVendor>(PRODUCTION_VENDORS, d.vendorId);
    if (stored && stored.doc.changedAt > d.changedAt) return;
    const base: KnownVendor = stored?.doc ?? { vendorId: d.vendorId, name: d.name ?? d.vendorId, kind: d.kind ?? '', active: true, changedAt: d.changedAt };
    const doc: KnownVendor = {
      ...base,
      name: d.name ?? base.name,
      kind: d.kind ?? base.kind,
      active: d.change === 'deactivated' ? false : d.change === 'reactivated' ? true : base.active,
      changedAt: d.changedAt,
    };
    await this.readModels.commit([{ op: 'put', collection: PRODUCTION_VENDORS, id: d.vendorId, doc, position: (stored?.position ?? 0) + 1 }]);
  }
}
