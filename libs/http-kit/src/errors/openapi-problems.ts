import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ in: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, unknown>;
  security?: unknown[];
  'x-roles'?: string[];
};
type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; additionalProperties?: unknown; type?: string };

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM } } });

/** A problem+json answer an operation gives beyond those every operation of its kind documents. */
export const ProblemResponse = (status: number, description: string) => ApiResponse({ status, ...problem(description) });

/**
 * Makes the document a contract a client generator can use: every operation lists the problem+json
 * answers it can give (with their codes), request bodies refuse unknown fields as the server does,
 * and every operation says which roles may call it (`x-roles`, empty for public ones).
 */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    ProblemDetails: {
      type: 'object',
      description: 'RFC 9457 problem details; `code` is stable, clients branch on it',
      required: ['type', 'title', 'status', 'detail', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        code: { type: 'string', pattern: '^[A-Z0-9_]+$' },
        instance: { type: 'string' },
        correlationId: { type: 'string' },
        errors: {
          type: 'array',
          maxItems: 20,
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
        errorCount: { type: 'integer', minimum: 21, description: 'How many errors there were, when more than the 20 listed' },
        retryAfterSeconds: { type: 'integer', minimum: 1 },
      },
      additionalProperties: true,
    },
  };
  const bodies = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const operation = raw as Operation;
      if (!operation?.responses) continue;
      const isPublic = Array.isArray(operation['x-roles']) && operation['x-roles'].length === 0;
      const add = (status: number, description: string) => {
        if (!operation.responses[String(status)]) operation.responses[String(status)] = problem(description);
      };
      if (operation.parameters?.length || operation.requestBody)
        add(400, 'Invalid input: every failing field is listed in `errors` (VALIDATION_FAILED and others)');
      if (method === 'get' && operation.parameters?.some((p) => p.in === 'query'))
        add(422, 'Well-formed, but refused by a rule across values (INVALID_RANGE, RANGE_TOO_LONG, INVALID_CURSOR, …)');
      if (!isPublic) {
        add(401, 'No valid bearer token (TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED)');
        add(403, 'The caller lacks the role (ROLE_NOT_ALLOWED) or a four-eyes or ownership rule refuses it');
      }
      if (path.includes('{')) add(404, 'No such resource (a *_NOT_FOUND code)');
      if (method === 'post' || method === 'patch' || method === 'put')
        add(404, 'An entity the body names does not exist (a *_NOT_FOUND code naming the field)');
      // A command that needs nothing but its route may be sent without a body.
      const body = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
      const ref = body?.content?.['application/json']?.schema?.$ref;
      const bodySchema = ref ? (document.components?.schemas?.[ref.replace('#/components/schemas/', '')] as { required?: string[] } | undefined) : undefined;
      if (body && bodySchema && !bodySchema.required?.length) body.required = false;
      if (method === 'post' || method === 'patch' || method === 'put') {
        add(409, 'Conflicts with the current state (e.g. FACES_UNAVAILABLE, CONCURRENT_MODIFICATION with Retry-After)');
        add(412, 'The If-Match revision is stale (STALE_REVISION, with currentRevision)');
        add(413, 'The body is too large');
        add(415, 'The body is not JSON (UNSUPPORTED_MEDIA_TYPE)');
        add(422, 'A business rule refuses it: the code says which, the detail why and who can release it');
      }
      add(429, 'Too many requests from this caller (RATE_LIMITED, with Retry-After)');
      for (const content of Object.values(operation.requestBody?.content ?? {})) if (content.schema?.$ref) bodies.add(content.schema.$ref);
    }
  }
  // The server refuses unknown fields: so does the schema of every request body, nested ones included.
  const schemas = document.components.schemas as Record<string, Schema>;
  const close = (ref: string, seen = new Set<string>()) => {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    const schema = schemas[name];
    if (schema.type === 'object' || schema.properties) schema.additionalProperties = false;
    const visit = (s: Schema | undefined) => {
      if (!s) return;
      if (s.$ref) close(s.$ref, seen);
      Object.values(s.properties ?? {}).forEach(visit);
      visit(s.items);
      s.allOf?.forEach(visit);
    };
    visit(schema);
  };
  bodies.forEach((ref) => close(ref));
  return document;
}
