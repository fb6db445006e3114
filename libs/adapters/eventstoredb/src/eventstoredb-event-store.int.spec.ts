import { eventStoreConformance } from '@ooh/eventing-testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/*
 * The EventStore contract against a live EventStoreDB/KurrentDB (22.6 or later, $all readable by the
 * connecting user). Start one, e.g.
 *   docker run -d -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb:latest --insecure --run-projections=None
 * and run with ESDB_URL=esdb://127.0.0.1:2113?tls=false.
 */
const url = process.env.ESDB_URL;

if (!url) {
  // Straight to stderr: Jest drops console output of a fully skipped suite when it runs several files.
  process.stderr.write('SKIPPED: EventStoreDB conformance — set ESDB_URL=esdb://127.0.0.1:2113?tls=false to run it\n');
}

(url ? describe : describe.skip)(url ? 'EventStoreDB' : 'EventStoreDB (ESDB_URL not set)', () => {
  eventStoreConformance('EventStoreDB', {
    async create() {
      return new EventStoreDbEventStore({ connectionString: url! });
    },
    async reopen(previous) {
      await previous.close();
      return new EventStoreDbEventStore({ connectionString: url! });
    },
  });
});
