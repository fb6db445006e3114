import { v5 as uuidv5, v7 as uuidv7, validate, version } from 'uuid';

/** Time-ordered ids: the store's unique index stays append-only. */
export const newId = (): string => uuidv7();

const NAMESPACE = '6f1b3d0e-8a2c-5b7e-9d41-2c3f4a5b6c7d';

/** The same inputs always give the same id: for commands derived from events or schedules. */
export const deterministicId = (...parts: string[]): string => uuidv5(parts.join('\u001f'), NAMESPACE);

export const isUuid = (value: string): boolean => validate(value) && [4, 5, 7].includes(version(value));
