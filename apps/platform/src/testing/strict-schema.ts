import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface OpenApiSchema {
  $ref?: string;
  allOf?: OpenApiSchema[];
  nullable?: boolean;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }> }>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** The OpenAPI 3.0 schema as strict JSON Schema: refs inlined, nullable as a union, no property beyond those declared. */
export function strictSchema(doc: OpenApiDocument, schema: OpenApiSchema): object {
  const deref = (s: OpenApiSchema): OpenApiSchema =>
    s.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]) : s.allOf?.length === 1 ? deref(s.allOf[0]) : s;
  const s = deref(schema);
  const nullable = schema.nullable ?? s.nullable;
  const { nullable: _n, example: _e, $ref: _r, allOf: _a, properties, items, additionalProperties, ...rest } = s;
  const out: Record<string, unknown> = { ...rest };
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, strictSchema(doc, v)]));
    out.additionalProperties = additionalProperties ?? false;
  } else if (additionalProperties !== undefined)
    out.additionalProperties = typeof additionalProperties === 'object' ? strictSchema(doc, additionalProperties) : additionalProperties;
  if (items) out.items = strictSchema(doc, items);
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

/** A strict validator of a GET route's 200 response (undefined: the route documents none). */
export function strictGetValidator(doc: OpenApiDocument): (template: string) => ValidateFunction | undefined {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return (template) => {
    const schema = doc.paths[template]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    return schema ? ajv.compile(strictSchema(doc, schema)) : undefined;
  };
}
