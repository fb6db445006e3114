import { Controller, Inject, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { briefIssuedV1, type BriefIssuedV1 } from '@ooh/contracts';
import type { ReadModelStore } from '@ooh/eventing';
import { BusContext, Consumes, Delivery, READ_MODELS } from '@ooh/http-kit';
import type { BriefSnapshot } from '@ooh/production-domain';

export const PRODUCTION_BRIEFS = 'production_briefs';

interface KnownBrief {
  [key: string]: unknown;
  briefId: string;
  clientId: string;
  campaign: string;
  version: number;
}

/** Planning's campaign briefs as production knows them (its public feed): the campaign a job may name. */
@Controller()
export class BriefDirectoryConsumer {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Consumes(briefIssuedV1, { group: 'production.brief-directory' })
  async issued(@Payload() d: BriefIssuedV1, @Delivery() _context: BusContext): Promise<void> {
    const stored = await this.readModels.get<KnownBrief>(PRODUCTION_BRIEFS, d.briefId);
    if (stored && stored.doc.version >= d.version) return;
    const doc: KnownBrief = { briefId: d.briefId, clientId: d.clientId, campaign: d.campaign, version: d.version };
    await this.readModels.commit([{ op: 'put', collection: PRODUCTION_BRIEFS, id: d.briefId, doc, position: (stored?.position ?? 0) + 1 }]);
  }
}

@Injectable()
export class BriefDirectory {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  /** What production knows of a brief a request names (null: it names none). */
  async snapshot(briefId: string | undefined): Promise<BriefSnapshot | null> {
    if (!briefId) return null;
    const found = await this.readModels.get<KnownBrief>(PRODUCTION_BRIEFS, briefId);
    return { briefId, known: found !== null && found !== undefined, clientId: found?.doc.clientId ?? null };
  }
}
