import { invalid, type ErrorDetail } from '@ooh/eventing';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith('property ') ? `unknown field "${field}" is not allowed` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** No array in any request body may hold more items than this (each field has its own, smaller maximum). */
export const MAX_ARRAY_ITEMS = 500;

/** The first array longer than MAX_ARRAY_ITEMS, by its path: found before any item is validated. */
function oversizedArray(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) return path || '(body)';
    for (const [index, item] of value.entries()) {
      const found = oversizedArray(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = oversizedArray(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A missing body or query is validated as an empty object, so required fields are still enforced; a
 * body that is not a JSON object (an array, a string, a number, null) is refused, and so is a body with
 * an array too long to be worth validating item by item.
 */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body') {
      if (value === undefined || value === '') return super.transform({}, metadata);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalid('BODY_NOT_AN_OBJECT', 'The request body must be a JSON object', [{ field: '(body)', message: 'not a JSON object' }]);
      }
      const tooLong = oversizedArray(value);
      if (tooLong)
        throw invalid('ARRAY_TOO_LONG', `${tooLong} holds more than ${MAX_ARRAY_ITEMS} items`, [
          { field: tooLong, message: `at most ${MAX_ARRAY_ITEMS} items` },
        ]);
    }
    const absent = value === undefined || value === null || value === '';
    return super.transform(absent && metadata.type === 'query' ? {} : value, metadata);
  }
}

/** Unknown fields are rejected, values converted to the DTO's types, every failing field listed. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return invalid('VALIDATION_FAILED', `Invalid request: ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
    },
  });
}
