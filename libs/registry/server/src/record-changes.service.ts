import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, canonicalJson, type FieldError, invalidField, toFieldErrors } from '@coremis/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { UpdateHouseholdInput } from './dto/household.inputs';
import { UpdateIndividualInput } from './dto/individual.inputs';
import { type ExtraEntity, ExtraFieldsService } from './extra-fields.service';
import { HouseholdService } from './household.service';
import { IndividualService } from './individual.service';
import { VOCABULARY } from './registry-vocabulary';

export type RecordEntity = ExtraEntity;
export type ChangeFieldType = 'string' | 'number' | 'integer' | 'date' | 'enum' | 'boolean';

/** A field a change request or a bulk update may set: a registry column or `extra.<property>`. */
export interface ChangeableField {
  key: string;
  type: ChangeFieldType;
  options: readonly string[] | null;
  extra: boolean;
}

export interface FieldChange {
  field: string;
  newValue: unknown;
  /** The value the requester saw; when given and the record holds another one, nothing is written. */
  oldValue?: unknown;
}

export interface RecordSnapshot {
  id: string;
  version: number;
  label: string;
  areaPath: string;
  householdId: string | null;
  values: Record<string, unknown>;
}

export type ChangeOutcome = { applied: true; version: number } | { applied: false; staleFields: string[] };

const BUILT_IN: Record<RecordEntity, readonly Omit<ChangeableField, 'extra'>[]> = {
  HOUSEHOLD: [
    { key: 'address', type: 'string', options: null },
    { key: 'latitude', type: 'number', options: null },
    { key: 'longitude', type: 'number', options: null },
    { key: 'rooms', type: 'integer', options: null },
    ...(['wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel'] as const).map((key) => ({ key, type: 'enum' as const, options: VOCABULARY[key] })),
  ],
  INDIVIDUAL: [
    { key: 'givenName', type: 'string', options: null },
    { key: 'familyName', type: 'string', options: null },
    { key: 'otherNames', type: 'string', options: null },
    { key: 'sex', type: 'enum', options: ['F', 'M'] },
    { key: 'birthDate', type: 'date', options: null },
    ...(['maritalStatus', 'disability', 'education'] as const).map((key) => ({ key, type: 'enum' as const, options: VOCABULARY[key] })),
    { key: 'occupation', type: 'string', options: null },
  ],
};

const sameValue = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Field-level changes of one household or individual, for other modules (grm data-change requests):
 * which fields may change, their current values, and a change set applied through the household and
 * individual services, so that validation, area scope and the audit trail (the record's history) are theirs.
 */
@Injectable()
export class RecordChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly households: HouseholdService,
    private readonly individuals: IndividualService,
    private readonly extraFields: ExtraFieldsService,
  ) {}

  async fields(entity: RecordEntity, em: EntityManager = this.dataSource.manager): Promise<ChangeableField[]> {
    const schema = (await this.extraFields.schemaOf(entity, em)).schema as { properties?: Record<string, { type?: string | string[]; enum?: unknown[]; format?: string }> };
    const extras = Object.entries(schema.properties ?? {}).map(([name, property]): ChangeableField => {
      const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
      const kind: ChangeFieldType = property.enum ? 'enum' : type === 'integer' ? 'integer' : type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : property.format === 'date' ? 'date' : 'string';
      return { key: `extra.${name}`, type: kind, options: property.enum ? property.enum.map(String) : null, extra: true };
    });
    return [...BUILT_IN[entity].map((f) => ({ ...f, extra: false })), ...extras];
  }

  /** The record as the caller may see it (area scope), with the values of `fields`; null when not visible. */
  async snapshot(entity: RecordEntity, id: string, fields: readonly string[], em?: EntityManager, lock = false): Promise<RecordSnapshot | null> {
    const record = entity === 'HOUSEHOLD' ? await this.households.findById(id, em, lock) : await this.individuals.findById(id, em, lock);
    if (!record) return null;
    const source = record as unknown as Record<string, unknown> & { extra: Record<string, unknown> };
    const values: Record<string, unknown> = {};
    for (const field of fields) values[field] = (field.startsWith('extra.') ? source.extra?.[field.slice(6)] : source[field]) ?? null;
    const household = 'code' in record;
    return {
      id: record.id,
      version: record.version,
      label: household ? record.code : `${record.givenName} ${record.familyName}`,
      areaPath: record.areaPath ?? '',
      householdId: household ? record.id : record.householdId,
      values,
    };
  }

  /**
   * Refuses (translated BAD_USER_INPUT, one field error per change) a change set naming unknown fields,
   * the same field twice, or values the registry's own rules reject. `prefix` names the changes in the errors.
   */
  async validate(entity: RecordEntity, changes: readonly FieldChange[], prefix = 'changes', em?: EntityManager): Promise<void> {
    const errors = await this.check(entity, changes, prefix, em);
    if (errors.length) throw badInput('core.errors.validationFailed', {}, errors);
  }

  async check(entity: RecordEntity, changes: readonly FieldChange[], prefix = 'changes', em?: EntityManager): Promise<FieldError[]> {
    const known = new Map((await this.fields(entity, em)).map((f) => [f.key, f]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const builtIn: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    changes.forEach((change, index) => {
      const field = known.get(change.field);
      if (!field) return errors.push({ field: `${prefix}.${index}.field`, key: 'registry.errors.unknownChangeField', args: { field: change.field } });
      if (seen.has(change.field)) return errors.push({ field: `${prefix}.${index}.field`, key: 'registry.errors.duplicateChangeField', args: { field: change.field } });
      seen.add(change.field);
      if (field.extra) extra[change.field.slice(6)] = change.newValue;
      else builtIn[change.field] = change.newValue === '' ? null : change.newValue;
      return undefined;
    });
    if (errors.length) return errors;
    const indexOf = (key: string) => changes.findIndex((c) => c.field === key);
    const input = plainToInstance(entity === 'HOUSEHOLD' ? UpdateHouseholdInput : UpdateIndividualInput, { id: '00000000-0000-4000-8000-000000000000', version: 1, ...builtIn });
    for (const failure of toFieldErrors(await validate(input, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: false } }))) {
      errors.push({ ...failure, field: `${prefix}.${indexOf(failure.field.split('.')[0])}.newValue` });
    }
    // required names may not be emptied
    for (const key of ['givenName', 'familyName', 'sex'] as const) {
      if (entity === 'INDIVIDUAL' && key in builtIn && (builtIn[key] === null || builtIn[key] === undefined)) errors.push({ field: `${prefix}.${indexOf(key)}.newValue`, key: 'core.validation.isNotEmpty', args: { property: key } });
    }
    if (Object.keys(extra).length) {
      const validator = await this.extraFields.validator(entity, em);
      // only the properties being changed: an extra field the record does not have yet is not this change's fault
      const properties = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== null));
      if (!validator(properties)) {
        for (const failure of validator.errors ?? []) {
          const property = failure.instancePath.split('/').filter(Boolean)[0];
          if (failure.keyword === 'required' || !property) continue;
          errors.push({ field: `${prefix}.${indexOf(`extra.${property}`)}.newValue`, key: `registry.extra.${['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format'].includes(failure.keyword) ? failure.keyword : 'invalid'}`, args: { ...(failure.params as Record<string, unknown>), property } });
        }
      }
    }
    return errors;
  }

  /**
   * For set-based callers (bulk updates) that check column types in SQL: the deployment schema's further rules of an
   * extra field (range, length, pattern, format...), the same Ajv rules as `check`, compiled once, to run on each
   * distinct value. Null when the field's schema has no rule beyond its type and options.
   */
  async extraRules(entity: RecordEntity, key: string, em?: EntityManager): Promise<((value: unknown) => FieldError | null) | null> {
    const name = key.slice(6);
    const schema = (await this.extraFields.schemaOf(entity, em)).schema as { properties?: Record<string, Record<string, unknown>> };
    const property = schema.properties?.[name];
    if (!property || !Object.keys(property).some((k) => !['type', 'enum', 'title', 'description', 'default', 'examples', '$comment'].includes(k))) return null;
    const validator = await this.extraFields.validator(entity, em);
    return (value) => {
      if (validator({ [name]: value })) return null;
      const failure = (validator.errors ?? []).find((e) => e.keyword !== 'required' && e.instancePath.split('/').filter(Boolean)[0] === name);
      if (!failure) return null;
      return {
        field: key,
        key: `registry.extra.${['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format'].includes(failure.keyword) ? failure.keyword : 'invalid'}`,
        args: { ...(failure.params as Record<string, unknown>), property: name },
      };
    };
  }

  /**
   * Applies a change set in the caller's transaction, through the household or individual service (area
   * scope, validation, audit trail per field). When a change carries `oldValue` and the record holds another
   * value now, nothing is written and the stale fields are returned.
   */
  async apply(entity: RecordEntity, id: string, changes: readonly FieldChange[], em: EntityManager): Promise<ChangeOutcome> {
    await this.validate(entity, changes, 'changes', em);
    const current = await this.snapshot(entity, id, changes.map((c) => c.field), em, true);
    if (!current) throw invalidField('recordId', entity === 'HOUSEHOLD' ? 'registry.errors.householdNotFound' : 'registry.errors.individualNotFound');
    const staleFields = changes.filter((c) => c.oldValue !== undefined && !sameValue(c.oldValue, current.values[c.field])).map((c) => c.field);
    if (staleFields.length) return { applied: false, staleFields };
    const input: Record<string, unknown> = { id, version: current.version };
    const extraChanges = changes.filter((c) => c.field.startsWith('extra.'));
    if (extraChanges.length) {
      const record = entity === 'HOUSEHOLD' ? await this.households.findById(id, em) : await this.individuals.findById(id, em);
      const extra = { ...(record?.extra ?? {}) };
      for (const change of extraChanges) {
        if (change.newValue === null || change.newValue === '') delete extra[change.field.slice(6)];
        else extra[change.field.slice(6)] = change.newValue;
      }
      input['extra'] = extra;
    }
    for (const change of changes) if (!change.field.startsWith('extra.')) input[change.field] = change.newValue === '' ? null : change.newValue;
    const saved = entity === 'HOUSEHOLD' ? await this.households.update(input as unknown as UpdateHouseholdInput, em) : await this.individuals.update(input as unknown as UpdateIndividualInput, em);
    return { applied: true, version: saved.version };
  }
}
