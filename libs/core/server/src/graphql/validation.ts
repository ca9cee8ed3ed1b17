import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, type FieldError } from './app-error';

/** Flattens class-validator errors into translatable field errors (`core.validation.<constraint>`). */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      result.push({ field, key: `core.validation.${constraint}`, args: { property: error.property, ...constraintArgs(error, constraint) } });
    }
    if (error.children?.length) result.push(...toFieldErrors(error.children, field));
  }
  return result;
}

function constraintArgs(error: ValidationError, constraint: string): Record<string, unknown> {
  if (!error.target) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(error.target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  const args: Record<string, unknown> = {};
  (metadata?.constraints ?? []).forEach((value: unknown, index: number) => {
    args[`c${index}`] = value instanceof RegExp ? value.source : Array.isArray(value) ? value.join(', ') : value;
  });
  return args;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new AppError('BAD_USER_INPUT', 'core.errors.validationFailed', {}, toFieldErrors(errors)),
  });
}
