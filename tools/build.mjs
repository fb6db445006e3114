// Compiles every TypeScript source under apps/, libs/, tools/ and bench/ into dist/ with SWC,
// keeping decorator metadata (NestJS DI needs it) and rewriting the @ooh/* path aliases.
import { transformFile } from '@swc/core';
import { existsSync, readFileSync, mkdirSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// BUILD_OUT: another output folder (inside the repository, so that node_modules resolve), e.g. to build
// while a benchmark runs from dist/.
const out = process.env.BUILD_OUT ? resolve(process.env.BUILD_OUT) : join(root, 'dist');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // The console is browser code: Vite builds it (apps/console/vite.config.mts).
      if (name !== 'node_modules' && name !== 'fixtures' && p !== join(root, 'apps', 'console')) yield* sources(p);
    } else if (p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('.d.ts')) yield p;
  }
}

rmSync(out, { recursive: true, force: true });
const files = ['apps', 'libs', 'tools', 'bench'].filter((d) => existsSync(join(root, d))).flatMap((d) => [...sources(join(root, d))]);
await Promise.all(
  files.map(async (file) => {
    const { code, map } = await transformFile(file, {
      sourceMaps: true,
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        baseUrl: root,
        paths: compilerOptions.paths,
      },
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code + `\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(target + '.map', map);
  }),
);
console.error(`built ${files.length} files into ${relative(root, out) || out}/`);
