import type { OpenAPIObject } from '@nestjs/swagger';

/** docs/roles.md: who may call each operation, generated from the document's `x-roles`. */
export function renderRolesTable(document: OpenAPIObject): string {
  const rows = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { 'x-roles'?: string[]; summary?: string }>).map(([method, operation]) => {
      const roles = operation['x-roles'];
      return `| \`${method.toUpperCase()} ${path}\` | ${roles === undefined ? '(undocumented)' : roles.length === 0 ? 'public' : roles.join(', ')} |`;
    }),
  );
  return [
    '# Roles per operation',
    '',
    'Generated from the `x-roles` of each operation in `/openapi.json` by `npm run docs:roles`; a test fails',
    'when this file is out of date, and the role matrix test checks every role against every operation.',
    '',
    '| operation | roles |',
    '| --- | --- |',
    ...rows.sort(),
    '',
  ].join('\n');
}
