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

/** A missing body or query is validated as an empty object, so required fields are still enforced. */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    const absent = value === undefined || value === null || value === '';
    return super.transform(absent && (metadata.type === 'body' || metadata.type === 'query') ? {} : value, metadata);
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
