// @ts-check
const { formatFiles, generateFiles, names } = require('@nx/devkit');
const { join } = require('node:path');

/** The names an aggregate's files and code use. */
function aggregateNames(context, name, roles) {
  const n = names(name);
  return {
    context,
    Context: names(context).className,
    name: n.fileName,
    Name: n.className,
    camel: n.propertyName,
    CONSTANT: n.constantName,
    /** Stream categories split at the first '-': the aggregate part uses '_' instead. */
    stream: n.fileName.replace(/-/g, '_'),
    plural: `${n.fileName}s`,
    words: n.fileName.replace(/-/g, ' '),
    roles: roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r) => `'${r}'`)
      .join(', '),
    tmpl: '',
  };
}

/** Inserts `text` after the first match of `anchor` in a file, failing loudly when the anchor is missing. */
function insertAfter(tree, path, anchor, text) {
  const source = tree.read(path, 'utf-8');
  if (source === null) throw new Error(`${path} does not exist`);
  const at = source.indexOf(anchor);
  if (at < 0) throw new Error(`${path} has no "${anchor}" to register the aggregate after`);
  tree.write(path, source.slice(0, at + anchor.length) + text + source.slice(at + anchor.length));
}

/** Adds an import at the end of a file's imports. */
function addImport(tree, path, line) {
  const source = tree.read(path, 'utf-8') ?? '';
  const lines = source.split('\n');
  let last = -1;
  lines.forEach((l, i) => {
    if (l.startsWith('import ')) last = i;
  });
  lines.splice(last + 1, 0, line);
  tree.write(path, lines.join('\n'));
}

/** Every endpoint must be in the platform's role matrix: the aggregate's rows, with the roles it was generated for. */
function registerInRoleMatrix(tree, v) {
  const matrix = 'apps/platform/src/role-matrix.e2e.spec.ts';
  if (!tree.exists(matrix)) return;
  const base = `/api/${v.context}/${v.plural}`;
  const id = `{${v.camel}Id}`;
  const rows = [`POST ${base}`, `POST ${base}/${id}/close`, `GET ${base}`, `GET ${base}/${id}`, `GET ${base}/${id}/history`];
  insertAfter(tree, matrix, 'const MATRIX: Record<string, string[]> = {', rows.map((r) => `\n  '${r}': [${v.roles}],`).join(''));
  // docs/roles.md, as `npm run docs:roles` would write it from the document: one row each, table sorted.
  const table = 'docs/roles.md';
  const doc = tree.read(table, 'utf-8');
  if (doc === null) return;
  const roles = v.roles.replace(/'/g, '');
  const lines = doc.split('\n');
  const first = lines.findIndex((l) => l.startsWith('| `'));
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.startsWith('| `'));
  const entries = [...lines.slice(first, last + 1), ...rows.map((r) => `| \`${r}\` | ${roles} |`)].sort();
  tree.write(table, [...lines.slice(0, first), ...entries, ...lines.slice(last + 1)].join('\n'));
}

/** Generates an aggregate in an existing context and registers it with the context's module. */
async function aggregateGenerator(tree, options) {
  const v = aggregateNames(options.context, options.name, options.roles ?? 'admin');
  const domain = `libs/${v.context}/domain/src`;
  const feature = `libs/${v.context}/feature/src`;
  if (!tree.exists(`${domain}/index.ts`) || !tree.exists(`${feature}/${v.context}.module.ts`)) {
    throw new Error(
      `libs/${v.context}/domain and libs/${v.context}/feature do not exist: generate the context first (nx g @ooh/generators:context ${v.context})`,
    );
  }
  if (tree.exists(`${domain}/${v.name}`)) throw new Error(`${domain}/${v.name} already exists`);
  generateFiles(tree, join(__dirname, 'files/domain'), `${domain}/${v.name}`, v);
  generateFiles(tree, join(__dirname, 'files/feature'), `${feature}/${v.plural}`, v);
  tree.write(
    `${domain}/index.ts`,
    `${tree.read(`${domain}/index.ts`, 'utf-8')}export * from './${v.name}/${v.name}.events';\nexport * from './${v.name}/${v.name}.decider';\nexport * from './${v.name}/${v.name}.aggregate';\n`,
  );
  const module = `${feature}/${v.context}.module.ts`;
  addImport(
    tree,
    module,
    `import { ${v.Name}sController } from './${v.plural}/${v.plural}.controller';\nimport { ${v.camel}sProjection } from './${v.plural}/${v.plural}.projection';`,
  );
  insertAfter(tree, module, 'controllers: [', `${v.Name}sController, `);
  insertAfter(tree, module, 'const PROJECTIONS: Projection[] = [', `${v.camel}sProjection, `);
  registerInRoleMatrix(tree, v);
  await formatFiles(tree);
}

module.exports = aggregateGenerator;
module.exports.default = aggregateGenerator;
module.exports.aggregateNames = aggregateNames;
