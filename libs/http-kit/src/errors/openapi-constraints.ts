import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; type?: string | string[] };
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = { operationId?: string; parameters?: Parameter[] };

/** Keywords a validator enforces that the generated schema must state too. */
const CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'minimum', 'maximum'] as const;

/** Adds what the validator enforces and the schema does not say yet; never loosens what it says. */
function tighten(target: Schema, source: Schema | undefined): void {
  if (!source) return;
  for (const key of CONSTRAINTS) if (source[key] !== undefined && target[key] === undefined) target[key] = source[key];
  if (source.type === 'integer' && target.type === 'number') target.type = 'integer';
  if (target.items && source.items) tighten(target.items, source.items);
}

/**
 * The class-validator rules of every DTO (`@IsNotEmpty` → minLength 1, `@Matches` → pattern,
 * `@ArrayMinSize` → minItems, `@IsInt` → integer, …) stated in the OpenAPI document: request bodies
 * by their schema name, query parameters through the DTO their route's handler takes. A request
 * that satisfies the document then passes validation.
 */
export function addValidationConstraints(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const options = { refPointerPrefix: '#/components/schemas/' };
  const rules = validationMetadatasToSchemas(options) as Record<string, Schema>;
  const handlers = handlerParameters(app);
  // A DTO that only inherits its rules (PartialType of another) has none under its own name.
  for (const type of new Set([...handlers.values()].flat())) rules[type.name] ??= targetConstructorToSchema(type, options) as Schema;
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [property, described] of Object.entries(schema.properties ?? {})) tighten(described, rules[name]?.properties?.[property]);
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      const types = handlers.get(operation.operationId ?? '') ?? [];
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query' || !parameter.schema) continue;
        for (const type of types) tighten(parameter.schema, rules[type.name]?.properties?.[parameter.name]);
      }
    }
  }
  return document;
}

type Dto = new (...args: never[]) => object;
const BUILT_IN = new Set<unknown>([Object, String, Number, Boolean, Array, Date]);

/** `Controller_method` (Nest's operation ids) → the DTO classes the handler takes. */
function handlerParameters(app: INestApplication): Map<string, Dto[]> {
  const byOperation = new Map<string, Dto[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        byOperation.set(
          `${controller.name}_${method}`,
          types.filter((t): t is Dto => typeof t === 'function' && !BUILT_IN.has(t) && t.name.endsWith('Dto')),
        );
      }
    }
  }
  return byOperation;
}
