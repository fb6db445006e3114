import { Parser } from '@asyncapi/parser';
import { CONTRACTS } from '@ooh/contracts';
import { PlatformHarness } from './testing/platform-harness';

/** Integrators read the event feed's contract from the platform itself, next to the OpenAPI document. */
describe('the AsyncAPI document served by the platform', () => {
  const h = new PlatformHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('is served without a token at /asyncapi.json, valid AsyncAPI 3, a channel per public event on its topic', async () => {
    const res = await h.request('GET', '/asyncapi.json');
    expect([res.status, String(res.headers['content-type'])]).toEqual([200, expect.stringContaining('application/json')]);
    const document = res.body as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(document.asyncapi).toBe('3.0.0');
    expect(
      Object.values(document.channels)
        .map((c) => c.address)
        .sort(),
    ).toEqual(CONTRACTS.map((c) => `ooh.${c.type}`).sort());
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
  }, 60_000);
});
