import { CONTRACTS } from '@ooh/contracts';
import { PlatformHarness } from './testing/platform-harness';

/** The feed keeps every message for integrators: it is the "integrators" consumer, not a service's. */
const FEED_GROUP = 'reporting.feed';

/**
 * The catalogue (and the AsyncAPI documents made from it) names who consumes each event: an
 * integrator must be able to trust it. Every documented service consumer exists, and every
 * consumer a service runs is documented.
 */
describe('the catalogue’s consumers are the consumers the services run', () => {
  const h = new PlatformHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('lists, for every event, exactly the services with a consumer group reading it', () => {
    const groups = h.platform.subscriptions.consumerGroups().filter((g) => g.name !== FEED_GROUP);
    const running = new Map<string, Set<string>>();
    for (const g of groups) {
      const service = g.name.slice(0, g.name.indexOf('.'));
      for (const type of g.types) running.set(type, new Set([...(running.get(type) ?? []), service]));
    }
    const services = new Set(groups.map((g) => g.name.slice(0, g.name.indexOf('.'))));
    const mismatches = CONTRACTS.flatMap((c) => {
      const documented = c.consumers
        .filter((name) => services.has(name) || ['operations', 'finance', 'planning', 'buying', 'production'].includes(name))
        .sort();
      const actual = [...(running.get(c.type) ?? [])].sort();
      return JSON.stringify(documented) === JSON.stringify(actual)
        ? []
        : [`${c.type}: catalogue says ${documented.join(', ') || 'none'}, running ${actual.join(', ') || 'none'}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('has the feed read every public event, so each lists integrators among its consumers', () => {
    const feed = h.platform.subscriptions.consumerGroups().find((g) => g.name === FEED_GROUP);
    expect(feed?.types.sort()).toEqual(CONTRACTS.map((c) => c.type).sort());
    expect(CONTRACTS.filter((c) => !c.consumers.includes('integrators')).map((c) => c.type)).toEqual([]);
  });
});
