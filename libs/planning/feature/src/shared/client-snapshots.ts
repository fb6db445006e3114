import { Injectable } from '@nestjs/common';
import { Aggregates } from '@ooh/http-kit';
import { clientAggregate, type ClientSnapshot } from '@ooh/planning-domain';

/** The client as commands about it carry it (the deciders refuse unknown and archived clients). */
@Injectable()
export class ClientSnapshots {
  private readonly clients;

  constructor(aggregates: Aggregates) {
    this.clients = aggregates.commands(clientAggregate);
  }

  async of(clientId: string): Promise<ClientSnapshot> {
    const { state } = await this.clients.load(clientId);
    return { clientId, name: state.name, status: state.status };
  }
}
