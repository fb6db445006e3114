import type { Provider } from '@nestjs/common';
import { invalid } from '@ooh/eventing';
import { z } from 'zod';

/** Where settings come from: the service's environment, and (tests, tools) typed overrides of the loaded values. */
export interface SettingsSource {
  env: NodeJS.ProcessEnv;
  overrides: Record<string, unknown>;
}

export const SETTINGS_SOURCE = Symbol('SettingsSource');

const blank = (value: unknown) => (value === '' ? undefined : value);

/** One variable of the environment each: parsed, bounded, with its default. */
export const setting = {
  int: (fallback: number, min: number, max: number) =>
    z.preprocess(
      blank,
      z.coerce
        .number({ error: 'must be an integer' })
        .int('must be an integer')
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`)
        .default(fallback),
    ),
  text: (fallback: string) => z.preprocess(blank, z.string().default(fallback)),
  optionalText: () => z.preprocess(blank, z.string().optional()),
  oneOf: <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
    z.preprocess(blank, z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback)),
  /** A comma-separated list; null when unset. */
  list: () =>
    z.preprocess(
      blank,
      z
        .string()
        .transform((s) =>
          s
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        )
        .nullable()
        .default(null),
    ),
  timeZone: (fallback: string) =>
    z.preprocess(
      blank,
      z
        .string()
        .refine((zone) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        }, 'is not an IANA time zone')
        .default(fallback),
    ),
};

/** Parses the variables `shape` names from `env` (others are ignored); a bad value is INVALID_CONFIG naming the variable. */
export function loadSettings<Shape extends z.ZodRawShape, T>(shape: Shape, env: NodeJS.ProcessEnv, build: (values: z.output<z.ZodObject<Shape>>) => T): T {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? '(environment)'), message: issue.message }));
    throw invalid('INVALID_CONFIG', details.map((d) => `${d.field} ${d.message}`).join('; '), details);
  }
  return build(parsed.data);
}

/** A setting invalid for a reason beyond its own value (a combination, a secret refused): INVALID_CONFIG naming it. */
export const settingRefused = (field: string, message: string) => invalid('INVALID_CONFIG', `${field}: ${message}`, [{ field, message }]);

/**
 * A context's own settings: declared and validated by the context's module, injected by `token`.
 * Overrides of the same keys (tests) replace the loaded values.
 */
export function contextSettings<Shape extends z.ZodRawShape, T extends object>(
  token: symbol,
  shape: Shape,
  build: (values: z.output<z.ZodObject<Shape>>) => T,
) {
  const load = (source: SettingsSource): T => {
    const loaded = loadSettings(shape, source.env, build);
    const overridden = Object.keys(loaded).filter((k) => k in source.overrides);
    return { ...loaded, ...Object.fromEntries(overridden.map((k) => [k, source.overrides[k]])) };
  };
  const provider: Provider = { provide: token, useFactory: load, inject: [SETTINGS_SOURCE] };
  /** The environment variables it reads, for the deployment files. */
  const variables = Object.keys(shape);
  return { token, load, provider, variables };
}
