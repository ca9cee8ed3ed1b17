import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, type FieldError } from '@coremis/core';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldSchema } from './entities/registry-settings.entities';

export type ExtraEntity = 'HOUSEHOLD' | 'INDIVIDUAL';

/** What a deployment starts with: no extra fields, anything else refused. */
export const EMPTY_FIELD_SCHEMA = { type: 'object', properties: {}, additionalProperties: false };

/**
 * Validates deployment-defined fields against the administrator's JSON Schema. Compiled validators
 * are cached per schema version, so a changed schema applies on the next write in every process.
 */
@Injectable()
export class ExtraFieldsService {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }));
  private readonly compiled = new Map<string, { version: number; validate: ValidateFunction }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async schemaOf(entity: ExtraEntity, em: EntityManager = this.dataSource.manager): Promise<FieldSchema> {
    const found = await em.findOneBy(FieldSchema, { entity });
    if (found) return found;
    return Object.assign(new FieldSchema(), { entity, schema: EMPTY_FIELD_SCHEMA, version: 0 });
  }

  async validator(entity: ExtraEntity, em?: EntityManager): Promise<ValidateFunction> {
    const schema = await this.schemaOf(entity, em);
    const cached = this.compiled.get(entity);
    if (cached && cached.version === schema.version) return cached.validate;
    const validate = this.ajv.compile(schema.schema);
    this.compiled.set(entity, { version: schema.version, validate });
    return validate;
  }

  /** Throws a translated BAD_USER_INPUT naming each invalid extra field. */
  async assertValid(entity: ExtraEntity, value: Record<string, unknown>, em?: EntityManager, fieldPrefix = 'extra'): Promise<void> {
    const validate = await this.validator(entity, em);
    if (validate(value)) return;
    const fieldErrors = describeErrors(validate.errors ?? [], fieldPrefix);
    throw new AppError('BAD_USER_INPUT', 'registry.errors.invalidExtra', { count: fieldErrors.length }, fieldErrors);
  }

  /** Checks that a proposed schema compiles: a broken schema would block every later write. */
  compileCheck(schema: Record<string, unknown>): string | null {
    try {
      new Ajv({ strict: false }).compile(schema);
      if (schema['type'] !== 'object') return 'registry.errors.schemaMustBeObject';
      return null;
    } catch (error) {
      return (error as Error).message.slice(0, 300);
    }
  }
}

/** Ajv errors as translated field errors: `extra.<property>` with a message key per kind of failure. */
export function describeErrors(errors: ErrorObject[], fieldPrefix: string): FieldError[] {
  return errors.map((e) => {
    const path = e.instancePath.split('/').filter(Boolean).join('.');
    const property = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : path;
    const field = property ? `${fieldPrefix}.${property}` : fieldPrefix;
    const key = `registry.extra.${['required', 'type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', 'additionalProperties'].includes(e.keyword) ? e.keyword : 'invalid'}`;
    return { field, key, args: { ...(e.params as Record<string, unknown>), property } };
  });
}
