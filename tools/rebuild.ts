import { loadPlatformConfig, TokenService } from '@ooh/http-kit/token-minting';
import { parseArgs } from 'node:util';

interface Progress {
  projection: string;
  state: string;
  position: number;
  head: number;
  events: number;
  error?: string;
}

/**
 * Rebuilds projections of a running service beside its live read models and follows them to the end:
 * `npm run -s rebuild -- [--url http://127.0.0.1:3000] [projection …]` (none named: all of them).
 * Signs an admin token with the service's JWT_SECRET; exits 1 when a rebuild fails.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
  const config = loadPlatformConfig();
  const base = values.url ?? `http://127.0.0.1:${config.port}`;
  const authorization = `Bearer ${new TokenService(config.jwtSecret, config.tokens).mint({ sub: 'operator-rebuild', roles: ['admin'] }, 3600)}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${String(json.code ?? '')} ${String(json.detail ?? '')}`);
    return json;
  };
  const { projections } = (await call('POST', '/api/admin/projections/rebuild', { projections: positionals })) as { projections: string[] };
  process.stdout.write(`rebuilding ${projections.length} projection(s) at ${base}\n`);
  const reported = new Map<string, string>();
  for (;;) {
    const status = ((await call('GET', '/api/admin/projections')) as { projections: Array<{ name: string; rebuild?: Progress }> }).projections.filter((p) =>
      projections.includes(p.name),
    );
    for (const { name, rebuild } of status) {
      const line = rebuild
        ? `${rebuild.state} ${rebuild.position}/${rebuild.head} (${rebuild.events} events)${rebuild.error ? `: ${rebuild.error}` : ''}`
        : 'queued';
      if (reported.get(name) !== line && (rebuild?.state !== 'rebuilding' || !reported.get(name)?.startsWith('rebuilding'))) {
        process.stdout.write(`${name}: ${line}\n`);
        reported.set(name, line);
      }
    }
    const finished = status.filter((p) => p.rebuild && ['done', 'failed'].includes(p.rebuild.state));
    if (finished.length === projections.length) {
      const failed = finished.filter((p) => p.rebuild!.state === 'failed');
      process.stdout.write(failed.length ? `${failed.length} failed\n` : 'all rebuilt and swapped in\n');
      process.exit(failed.length ? 1 : 0);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
