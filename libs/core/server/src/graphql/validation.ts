import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage, type ValidatorOptions } from 'class-validator';
import { AppError, type FieldError } from './app-error';

/** Flattens class-validator errors into translatable field errors (`core.validation.<constraint>`). */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      const args = capturedArgs.get(error)?.[constraint] ?? constraintArgs(error, constraint);
      result.push({ field, key: `core.validation.${constraint}`, args: { property: error.property, ...args } });
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

/**
 * Constraint arguments read while the pipe validates. For a body that is not an object (a JSON array), Nest sets the
 * DTO class as the value's `constructor` for the validation only and removes it before the exception factory runs:
 * by then the error's target is a bare array and the class's rules (`@ArrayMaxSize(100)`) cannot be found from it.
 */
const capturedArgs = new WeakMap<ValidationError, Record<string, Record<string, unknown>>>();

function captureArgs(errors: ValidationError[]): void {
  for (const error of errors) {
    const args: Record<string, Record<string, unknown>> = {};
    for (const constraint of Object.keys(error.constraints ?? {})) args[constraint] = constraintArgs(error, constraint);
    capturedArgs.set(error, args);
    if (error.children?.length) captureArgs(error.children);
  }
}

class TranslatedValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    captureArgs(errors);
    return errors;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new TranslatedValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new AppError('BAD_USER_INPUT', 'core.errors.validationFailed', {}, toFieldErrors(errors)),
  });
}
