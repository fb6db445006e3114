import { CONTRACTS, renderTopics } from '@ooh/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every service app but the all-in-one platform: a context added by the generator is checked without editing this file. */
const services = readdirSync(join(root, 'apps')).filter((a) => a !== 'platform' && existsSync(join(root, 'apps', a, 'src/main.ts')));

describe('deployment files agree with the code', () => {
  const topics = read('deploy/kafka/topics.txt')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/));

  it('lists the topic plan of libs/contracts, as generated (one source of truth for topics and partitions)', () => {
    expect(read('deploy/kafka/topics.txt')).toBe(renderTopics());
  });

  it('defines a topic with explicit partitions for every integration contract, and the dead-letter topic', () => {
    const names = topics.map(([name]) => name);
    for (const c of CONTRACTS) expect(names).toContain(`ooh.${c.type}`);
    expect(names).toContain('ooh.dead-letters');
    for (const [, partitions] of topics) expect(Number(partitions)).toBeGreaterThanOrEqual(1);
    expect(new Set(names).size).toBe(names.length);
  });

  it('runs every service app in docker-compose, each with an environment example', () => {
    const compose = read('docker-compose.yml');
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) {
      expect(compose).toMatch(new RegExp(`\\n  ${s}:\\n`));
      expect(compose).toContain(`SERVICE: ${s}`);
      expect(existsSync(join(root, `deploy/${s}.env.example`))).toBe(true);
    }
  });

  it.each(services)('documents every setting the %s context declares in its environment example and the platform one', async (service) => {
    const feature = (await import(`@ooh/${service}-feature`)) as Record<string, unknown>;
    const declared = Object.values(feature).flatMap((v) => ((v as { variables?: unknown })?.variables as string[] | undefined) ?? []);
    for (const variable of declared) {
      expect(read(`deploy/${service}.env.example`)).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
      expect(read('deploy/platform.env.example')).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
    }
  });
});
