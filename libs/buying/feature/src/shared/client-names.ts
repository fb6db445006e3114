import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { clientRegisteredV1, clientUpdatedV1, type ClientRegisteredV1, type ClientUpdatedV1 } from '@ooh/contracts';
import type { ReadModelStore } from '@ooh/eventing';
import { BusContext, Consumes, Delivery, READ_MODELS } from '@ooh/http-kit';

export const CLIENT_NAMES = 'buying_client_names';

/** Client names as planning publishes them (buying shares no database with planning). */
@Controller()
export class ClientNamesConsumer {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  @Consumes(clientRegisteredV1, { group: 'buying.client-names' })
  async registered(@Payload() d: ClientRegisteredV1, @Delivery() _context: BusContext): Promise<void> {
    await this.write(d.clientId, d.name, d.registeredAt);
  }

  @Consumes(clientUpdatedV1, { group: 'buying.client-name-changes' })
  async updated(@Payload() d: ClientUpdatedV1, @Delivery() _context: BusContext): Promise<void> {
    if (d.name !== null) await this.write(d.clientId, d.name, d.updatedAt);
  }

  /** The two feeds are separate topics: the later fact wins whichever arrives first. */
  private async write(clientId: string, name: string, asOf: string): Promise<void> {
    const stored = await this.readModels.get<{ clientId: string; name: string; asOf: string }>(CLIENT_NAMES, clientId);
    if (stored && stored.doc.asOf >= asOf) return;
    await this.readModels.commit([{ op: 'put', collection: CLIENT_NAMES, id: clientId, doc: { clientId, name, asOf }, position: (stored?.position ?? 0) + 1 }]);
  }
}

export async function clientName(readModels: ReadModelStore, clientId: string): Promise<string | null> {
  return (await readModels.get<{ name: string }>(CLIENT_NAMES, clientId))?.doc.name ?? null;
}
