import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, invalidField, RequirePermissions, UuidPipe } from '@coremis/core';
import { ChangeRecordType } from '../entities/data-change-request.entity';
import { ChangeableFieldModel } from '../changes/data-change.models';
import { CreateBulkUpdateInput } from './bulk-update.inputs';
import { BulkUpdate, BulkUpdateChange, BulkUpdateErrorPage } from './bulk-update.models';
import { APPLY_BULK_OPERATION, BULK_PERMISSION, type BulkUpdateRow, BulkUpdateService } from './bulk-update.service';

const page = (value: number, min: number, max: number, name: string) => {
  if (!Number.isInteger(value) || value < min || value > max) throw invalidField(name, 'grm.bulkUpdates.errors.pageRange', { min, max });
  return value;
};

/** Bulk updates from a file; the service limits each one to who made it and the records to the caller's areas. */
@Resolver(() => BulkUpdate)
export class BulkUpdateResolver {
  constructor(private readonly service: BulkUpdateService) {}

  private toModel(row: BulkUpdateRow): BulkUpdate {
    return {
      ...row,
      failureMessage: this.service.failureMessage(row),
      fieldCounts: Object.entries(row.fieldCounts ?? {}).map(([field, count]) => ({ field, count: Number(count) })),
    } as unknown as BulkUpdate;
  }

  @Query(() => BulkUpdate, { nullable: true, description: 'Null when it does not exist or was made by someone else (for a user restricted to areas).' })
  @RequirePermissions(BULK_PERMISSION)
  async bulkUpdate(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<BulkUpdate | null> {
    const row = await this.service.findById(id);
    return row ? this.toModel(row) : null;
  }

  @Query(() => [String], { description: 'The header of an upload of the caller (POST /api/grm/bulk-updates/uploads), for the column mapping.' })
  @RequirePermissions(BULK_PERMISSION)
  bulkUpdateColumns(@Args('uploadId', { type: () => ID }, UuidPipe) uploadId: string): Promise<string[]> {
    return this.service.columns(uploadId);
  }

  @Query(() => [ChangeableFieldModel], { description: 'The fields a bulk update may set, including the deployment\'s extra fields.' })
  @RequirePermissions(BULK_PERMISSION)
  async bulkUpdateFields(@Args('recordType', { type: () => ChangeRecordType }) recordType: ChangeRecordType): Promise<ChangeableFieldModel[]> {
    return (await this.service.fields(recordType)).map((f) => ({ ...f, options: f.options ? [...f.options] : null }));
  }

  @Query(() => BulkUpdateErrorPage, { description: 'The per-row errors, in file order, translated.' })
  @RequirePermissions(BULK_PERMISSION)
  bulkUpdateErrors(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<BulkUpdateErrorPage> {
    return this.service.errors(id, page(first, 1, 200, 'first'), page(offset, 0, 100_000_000, 'offset'));
  }

  @Query(() => [BulkUpdateChange], { description: 'A sample of the changes (old → new), in file order.' })
  @RequirePermissions(BULK_PERMISSION)
  bulkUpdateSample(@Args('id', { type: () => ID }, UuidPipe) id: string, @Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<BulkUpdateChange[]> {
    return this.service.sample(id, page(first, 1, 200, 'first'));
  }

  @Mutation(() => BulkUpdate, { description: 'Checks the mapping against the file\'s header and queues the job that reads the file, checks every row and computes the diff (CHECKING, then READY, INVALID or FAILED).' })
  @RequirePermissions(BULK_PERMISSION)
  async createBulkUpdate(@Args('input') input: CreateBulkUpdateInput): Promise<BulkUpdate> {
    return this.toModel(await this.service.create(input));
  }

  @Mutation(() => BulkUpdate, { description: 'Queues the job that applies a READY update in one transaction (APPLYING, then APPLIED); held for approval when a flow is enabled for grm.bulkUpdates.apply. STALE when records changed after the preview.' })
  @RequirePermissions(BULK_PERMISSION)
  @ApprovableOperation(APPLY_BULK_OPERATION, { summary: (payload) => `Bulk update ${String(payload['id'])}` })
  async applyBulkUpdate(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<BulkUpdate> {
    return this.toModel(await this.service.apply(id));
  }
}
