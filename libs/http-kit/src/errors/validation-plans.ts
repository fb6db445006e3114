import { getMetadataStorage, type MetadataStorage } from 'class-validator';

/*
 * class-validator looks up a DTO's rules on every validation by walking every class it knows
 * (`instanceof` against each one, for inherited rules) and regrouping them by property. The platform
 * declares hundreds of DTO classes: that walk was the largest single cost of a command request.
 * Compiled once here: each class's rules (per validation options) are looked up the first time and
 * kept, and the same executor runs the same rules, so what is accepted and every error stay identical.
 * A rule declared later (a class loaded afterwards) empties what was kept.
 */

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

const COMPILED = Symbol.for('ooh.validation-plans');

/** Keeps each DTO class's validation rules once looked up (idempotent; see above). */
export function compileValidationPlans(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [COMPILED]?: true };
  if (storage[COMPILED]) return;
  storage[COMPILED] = true;

  let plans = new Map<object | string, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    plans = new Map();
    grouped = new WeakMap();
  };

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, targetSchema, always, strictGroups, groups) => {
    const options = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = plans.get(target);
    if (!byOptions) plans.set(target, (byOptions = new Map()));
    let rules = byOptions.get(options);
    if (!rules) byOptions.set(options, (rules = lookUp(target, targetSchema, always, strictGroups, groups)));
    return rules;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };

  for (const add of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const methods = storage as unknown as Record<typeof add, (arg: unknown) => void>;
    const original = methods[add].bind(storage);
    methods[add] = (arg: unknown) => {
      forget();
      original(arg);
    };
  }
}
