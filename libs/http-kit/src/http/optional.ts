import { ValidateIf } from 'class-validator';

/**
 * Optional means "may be left out", not "may be null": an explicit null is validated like any other
 * value and refused by the field's own rules (class-validator's IsOptional would let it through).
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);
