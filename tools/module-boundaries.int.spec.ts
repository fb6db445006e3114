import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
type Probe = [name: string, file: string, code: string];

/** Lints every probe in one ESLint process (Jest's VM cannot load the ESM flat config itself). */
function lintProbes(probes: Probe[]): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    const { createProjectGraphAsync } = require('@nx/devkit');
    (async () => {
      await createProjectGraphAsync({ exitOnError: false });
      const eslint = new ESLint({ cwd: process.cwd() });
      const fs = require('fs');
      const path = require('path');
      const probes = JSON.parse(fs.readFileSync(0, 'utf8'));
      const out = {};
      // Written to disk for the time of the lint: the typed rules only see files of the TypeScript project.
      for (const [index, [name, file, code]] of probes.entries()) {
        const filePath = path.join(process.cwd(), file.replace(/probe[.]ts$/, 'probe-' + process.pid + '-' + index + '.ts'));
        fs.writeFileSync(filePath, code + ' export const probe = 1;' + String.fromCharCode(10));
        try {
          const [r] = await eslint.lintFiles([filePath]);
          out[name] = r.messages.filter((m) => m.ruleId !== '@typescript-eslint/no-unused-vars').map((m) => (m.ruleId ?? 'fatal') + ': ' + m.message);
        } finally {
          fs.rmSync(filePath, { force: true });
        }
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, input: JSON.stringify(probes), encoding: 'utf8' }));
}

/** The architecture is a lint rule: these imports and impure or non-exhaustive domain code must fail `npm run lint`; the allowed ones pass. */
describe('module boundaries', () => {
  const forbidden: Probe[] = [
    ['a domain library importing NestJS', 'libs/operations/domain/src/probe.ts', "import { Injectable } from '@nestjs/common';"],
    ['a domain library importing an adapter', 'libs/operations/domain/src/probe.ts', "import { SqliteEventStore } from '@ooh/adapter-sqlite';"],
    ['a domain library importing the HTTP kit', 'libs/operations/domain/src/probe.ts', "import { Roles } from '@ooh/http-kit';"],
    ['a domain library importing a database client', 'libs/operations/domain/src/probe.ts', "import Database from 'better-sqlite3';"],
    ['a domain library generating random ids', 'libs/operations/domain/src/probe.ts', "import { v4 } from 'uuid';"],
    ['the kernel importing a database client', 'libs/eventing/src/probe.ts', "import Database from 'better-sqlite3';"],
    ['the kernel importing NestJS', 'libs/eventing/src/probe.ts', "import { Module } from '@nestjs/common';"],
    ['a shared library importing a business context', 'libs/http-kit/src/probe.ts', "import { siteDecider } from '@ooh/operations-domain';"],
    ['a feature module importing an adapter', 'libs/operations/feature/src/probe.ts', "import { SqliteReadModelStore } from '@ooh/adapter-sqlite';"],
    ['an adapter importing NestJS', 'libs/adapters/sqlite/src/probe.ts', "import { Injectable } from '@nestjs/common';"],
    ['a domain library reading the clock', 'libs/operations/domain/src/probe.ts', 'export const at = () => Date.now();'],
    ['a domain library constructing the current date', 'libs/operations/domain/src/probe.ts', 'export const at = () => new Date().toISOString();'],
    ['a domain library using randomness', 'libs/operations/domain/src/probe.ts', 'export const pick = () => Math.random();'],
    [
      'a domain library generating an id with the kernel',
      'libs/operations/domain/src/probe.ts',
      "import { newId } from '@ooh/eventing';\nexport const id = () => newId();",
    ],
    [
      'a domain library asking luxon for now',
      'libs/operations/domain/src/probe.ts',
      "import { DateTime } from 'luxon';\nexport const today = () => DateTime.now().toISODate();",
    ],
    [
      'an evolve switch that forgets an event',
      'libs/operations/domain/src/fault/probe.ts',
      "import type { FaultEvent } from './fault.events';\nexport function f(e: FaultEvent): number { switch (e.type) { case 'FaultOpened': return 1; default: return 0; } }",
    ],
  ];
  const allowed: Probe[] = [
    [
      'a domain library importing the kernel and luxon',
      'libs/operations/domain/src/probe.ts',
      "import { ruleViolated } from '@ooh/eventing';\nimport { DateTime } from 'luxon';",
    ],
    [
      'a domain library parsing a given date',
      'libs/operations/domain/src/probe.ts',
      "import { DateTime } from 'luxon';\nexport const d = (at: string) => [new Date(at).getTime(), DateTime.fromISO(at).toISODate()];",
    ],
    [
      'a feature module importing its domain and the HTTP kit',
      'libs/operations/feature/src/probe.ts',
      "import { siteDecider } from '@ooh/operations-domain';\nimport { Roles } from '@ooh/http-kit';",
    ],
    ['the app wiring adapters', 'apps/platform/src/probe.ts', "import { SqliteEventStore } from '@ooh/adapter-sqlite';"],
  ];
  let results: Record<string, string[]>;
  beforeAll(() => {
    results = lintProbes([...forbidden, ...allowed]);
  }, 120_000);

  it.each(forbidden.map((p) => p[0]))('refuses %s', (name) => {
    expect(results[name]).not.toEqual([]);
  });

  it.each(allowed.map((p) => p[0]))('allows %s', (name) => {
    expect(results[name]).toEqual([]);
  });
});
