import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RecoverEvent,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
  UpdateEvent,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import type { FieldChange } from './audit-entry';
import { canonicalJson } from '../json/canonical-json';
import { toJsonValue } from './audit-hash';
import { type AuditedSettings, auditedSettings, REDACTED, SENSITIVE_PROPERTY } from './audited.decorator';
import { AuditService } from './audit.service';

type Row = Record<string, unknown>;

/**
 * Writes an audit entry for every ORM insert, update and removal of an `@Audited()` entity, through
 * the event's own manager: the entry belongs to the transaction of the change. Also drives the
 * deferred entries of `AuditService`: written just before COMMIT (and before a savepoint opens, so
 * that a savepoint rollback drops only its own entries), forgotten on rollback.
 */
@Injectable()
export class AuditSubscriber implements EntitySubscriberInterface, OnModuleInit {
  private readonly settingsByTarget = new Map<unknown, AuditedSettings | null>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // registered here rather than in the TypeORM options, which would build it without injection
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
    this.audit.enableFlushBeforeCommit(this.dataSource);
  }

  beforeInsert(event: InsertEvent<Row>): void {
    this.refuseUnauditable(event.metadata, event.queryRunner, true);
  }

  beforeUpdate(event: UpdateEvent<Row>): void {
    // a query-builder update carries its SET values but neither the rows nor their previous values
    this.refuseUnauditable(event.metadata, event.queryRunner, Boolean(event.databaseEntity));
  }

  beforeRemove(event: RemoveEvent<Row>): void {
    this.refuseUnauditable(event.metadata, event.queryRunner, Boolean(event.entity ?? event.databaseEntity));
  }

  beforeSoftRemove(event: SoftRemoveEvent<Row>): void {
    this.refuseUnauditable(event.metadata, event.queryRunner, Boolean(event.entity ?? event.databaseEntity));
  }

  beforeRecover(event: RecoverEvent<Row>): void {
    this.refuseUnauditable(event.metadata, event.queryRunner, Boolean(event.entity ?? event.databaseEntity));
  }

  async afterInsert(event: InsertEvent<Row>): Promise<void> {
    const settings = this.settingsOf(event.metadata);
    if (!settings || !event.entity) return;
    await this.audit.record(event.manager, {
      action: 'CREATE',
      entityType: settings.entityType,
      entityId: entityIdOf(event.metadata, event.entity),
      changes: snapshot(event.metadata, settings, event.entity, 'after'),
      areaPath: areaPathOf(settings, event.entity),
    });
  }

  async afterUpdate(event: UpdateEvent<Row>): Promise<void> {
    const settings = this.settingsOf(event.metadata);
    if (!settings || !event.entity || !event.databaseEntity) return;
    const changes: Record<string, FieldChange> = {};
    for (const column of event.updatedColumns) {
      if (!recordable(column, settings)) continue;
      changes[column.propertyPath] = change(column, column.getEntityValue(event.databaseEntity), column.getEntityValue(event.entity as Row));
    }
    for (const relation of event.updatedRelations) {
      if (!relation.joinColumns.length || settings.ignore.has(relation.propertyPath)) continue;
      changes[relation.propertyPath] = { before: relationValue(relation, event.databaseEntity), after: relationValue(relation, event.entity as Row) };
    }
    if (!Object.keys(changes).length) return;
    await this.audit.record(event.manager, {
      action: 'UPDATE',
      entityType: settings.entityType,
      entityId: entityIdOf(event.metadata, event.databaseEntity),
      changes,
      // where the record is now: a move between areas is seen by the auditors of the new area
      areaPath: areaPathOf(settings, event.entity as Row) ?? areaPathOf(settings, event.databaseEntity),
    });
  }

  async afterRemove(event: RemoveEvent<Row>): Promise<void> {
    await this.recordRemoval(event, 'DELETE', true);
  }

  async afterSoftRemove(event: SoftRemoveEvent<Row>): Promise<void> {
    await this.recordRemoval(event, 'SOFT_DELETE', false);
  }

  async afterRecover(event: RecoverEvent<Row>): Promise<void> {
    await this.recordRemoval(event, 'RESTORE', false);
  }

  async beforeTransactionStart(event: TransactionStartEvent): Promise<void> {
    await this.audit.flushPending(event.queryRunner);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await this.audit.flushPending(event.queryRunner);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    this.audit.discardPending(event.queryRunner);
  }

  private async recordRemoval(event: RemoveEvent<Row> | SoftRemoveEvent<Row> | RecoverEvent<Row>, action: string, withValues: boolean): Promise<void> {
    const settings = this.settingsOf(event.metadata);
    const source = event.databaseEntity ?? event.entity;
    if (!settings || !source) return;
    const id = event.entityId ?? event.metadata.getEntityIdMixedMap(source);
    await this.audit.record(event.manager, {
      action,
      entityType: settings.entityType,
      entityId: formatId(id),
      changes: withValues ? snapshot(event.metadata, settings, source, 'before') : null,
      areaPath: areaPathOf(settings, source),
    });
  }

  private refuseUnauditable(metadata: EntityMetadata, runner: QueryRunner | undefined, identifiable: boolean): void {
    const settings = this.settingsOf(metadata);
    if (!settings) return;
    if (!identifiable) {
      throw new Error(
        `${settings.entityType} is audited: query-builder updates and deletes cannot be audited row by row. ` +
          'Use save()/remove(), or run the statement with .callListeners(false) and record it with AuditService.record() in the same transaction.',
      );
    }
    if (!runner?.isTransactionActive) {
      throw new Error(`${settings.entityType} is audited: write it inside a transaction, so that the change and its audit entry commit together.`);
    }
  }

  private settingsOf(metadata: EntityMetadata): AuditedSettings | null {
    let settings = this.settingsByTarget.get(metadata.target);
    if (settings === undefined) {
      settings = auditedSettings(metadata.target);
      this.settingsByTarget.set(metadata.target, settings);
    }
    return settings;
  }
}

function recordable(column: ColumnMetadata, settings: AuditedSettings): boolean {
  return !(
    column.isCreateDate ||
    column.isUpdateDate ||
    column.isDeleteDate ||
    column.isVersion ||
    column.isVirtual ||
    column.isDiscriminator ||
    settings.ignore.has(column.propertyPath) ||
    settings.ignore.has(column.propertyName)
  );
}

function sensitive(column: ColumnMetadata): boolean {
  return SENSITIVE_PROPERTY.test(column.propertyName) || SENSITIVE_PROPERTY.test(column.databaseName);
}

function change(column: ColumnMetadata, before: unknown, after: unknown): FieldChange {
  if (sensitive(column)) return { before: before == null ? null : REDACTED, after: after == null ? null : REDACTED };
  return { before: before ?? null, after: after ?? null };
}

/** Every recorded column that has a value, as `{before, after}` with the other side null (creation, deletion). */
function snapshot(metadata: EntityMetadata, settings: AuditedSettings, entity: Row, side: 'before' | 'after'): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const column of metadata.columns) {
    if (!recordable(column, settings)) continue;
    const value = column.getEntityValue(entity);
    if (value === undefined || value === null || typeof value === 'function') continue;
    changes[column.propertyPath] = side === 'after' ? change(column, null, value) : change(column, value, null);
  }
  return changes;
}

/** The id(s) a many-to-one / owning one-to-one relation points to, whether it holds an entity or an id. */
function relationValue(relation: RelationMetadata, entity: Row): unknown {
  const values = relation.joinColumns.map((column) => column.getEntityValue(entity) ?? null);
  return values.length === 1 ? values[0] : values;
}

function entityIdOf(metadata: EntityMetadata, entity: Row): string | null {
  return formatId(metadata.getEntityIdMixedMap(entity));
}

function formatId(id: unknown): string | null {
  if (id === undefined || id === null) return null;
  return typeof id === 'object' ? canonicalJson(toJsonValue(id) ?? null) : String(id);
}

function areaPathOf(settings: AuditedSettings, row: Row | undefined): string | null {
  const value = row?.[settings.areaPathProperty as keyof Row];
  return typeof value === 'string' && value ? value : null;
}
