// @ts-check
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');
const { join } = require('node:path');
const aggregateGenerator = require('../aggregate/generator');

function insertBefore(tree, path, anchor, text) {
  const source = tree.read(path, 'utf-8');
  if (source === null) throw new Error(`${path} does not exist`);
  const at = source.indexOf(anchor);
  if (at < 0) throw new Error(`${path} has no "${anchor}" to register the context before`);
  tree.write(path, source.slice(0, at) + text + source.slice(at));
}

/**
 * A context as its own service. Besides its own folders it writes only registrations: the path
 * aliases (tsconfig.base.json), its scope constraint (eslint.config.mjs), the all-in-one platform's
 * module list, its container (docker-compose.yml), its settings in the platform's environment example,
 * and the role matrix rows of its first aggregate.
 */
async function contextGenerator(tree, options) {
  const n = names(options.name);
  const v = { name: n.fileName, Name: n.className, CONSTANT: n.constantName, tmpl: '' };
  if (tree.exists(`libs/${v.name}`) || tree.exists(`apps/${v.name}`)) throw new Error(`libs/${v.name} or apps/${v.name} already exists`);
  generateFiles(tree, join(__dirname, 'files/domain'), `libs/${v.name}/domain`, v);
  generateFiles(tree, join(__dirname, 'files/feature'), `libs/${v.name}/feature`, v);
  generateFiles(tree, join(__dirname, 'files/app'), `apps/${v.name}`, v);

  updateJson(tree, 'tsconfig.base.json', (json) => {
    const paths = {
      ...json.compilerOptions.paths,
      [`@ooh/${v.name}-domain`]: [`libs/${v.name}/domain/src/index.ts`],
      [`@ooh/${v.name}-feature`]: [`libs/${v.name}/feature/src/index.ts`],
    };
    json.compilerOptions.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
    return json;
  });
  insertBefore(
    tree,
    'eslint.config.mjs',
    "  { sourceTag: 'scope:platform'",
    `  { sourceTag: 'scope:${v.name}', onlyDependOnLibsWithTags: ['scope:${v.name}', 'scope:shared'] },\n`,
  );

  const bootstrap = 'apps/platform/src/bootstrap.ts';
  const platform = tree.read(bootstrap, 'utf-8') ?? '';
  tree.write(
    bootstrap,
    `import { ${v.Name}Module } from '@ooh/${v.name}-feature';\n` +
      platform.replace(/modules: \[([^\]]*)\]/, (_m, list) => `modules: [${list}, ${v.Name}Module]`),
  );

  insertBefore(
    tree,
    'docker-compose.yml',
    '\nvolumes:',
    `\n  ${v.name}:\n    <<: *service\n    build:\n      context: .\n      dockerfile: deploy/Dockerfile\n      args:\n        SERVICE: ${v.name}\n    environment:\n      <<: *service-env\n      MONGO_DB: ooh_${v.name}\n    ports:\n      - '${options.port ?? 3010}:3000'\n`,
  );
  const example = 'deploy/platform.env.example';
  tree.write(example, `${tree.read(example, 'utf-8') ?? ''}# The ${v.name} context's own settings (${v.name}.settings.ts in its feature library): none yet\n`);
  tree.write(
    `deploy/${v.name}.env.example`,
    `# ${v.Name} service on shared infrastructure (see deploy/README.md). Every variable of\n# platform.env.example's platform section applies too (PORT, TIME_ZONE, LOG_LEVEL...).\n` +
      (tree.read('deploy/finance.env.example', 'utf-8') ?? '')
        .split('\n')
        .filter((l) => /^(JWT_SECRET|EVENT_STORE|ESDB_URL|MESSAGE_BUS|KAFKA_|READ_STORE|MONGO_URL|BLOB_STORE|SHUTDOWN_)/.test(l))
        .join('\n') +
      `\nMONGO_DB=ooh_${v.name}\n# The ${v.name} context's own settings (${v.name}.settings.ts in its feature library)\n`,
  );

  await aggregateGenerator(tree, { context: v.name, name: options.aggregate ?? `${v.name}-item`, roles: options.roles ?? 'admin' });
  await formatFiles(tree);
}

module.exports = contextGenerator;
module.exports.default = contextGenerator;
