import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from '@coremis/core';
import { ChangeRecordType } from '../entities/data-change-request.entity';

@ObjectType()
export class BulkUpdateMapping {
  @Field()
  column: string;

  @Field()
  field: string;
}

@ObjectType()
export class BulkUpdateFieldCount {
  @Field()
  field: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'A bulk update of registry records from a file: READY to apply, INVALID (row errors: never applied), APPLYING (its apply job is queued or running), APPLIED, or STALE (records changed after the preview: nothing written).' })
export class BulkUpdate {
  @Field(() => ID)
  id: string;

  @Field(() => ChangeRecordType)
  recordType: ChangeRecordType;

  @Field()
  fileName: string;

  @Field()
  idColumn: string;

  @Field(() => [BulkUpdateMapping])
  mapping: BulkUpdateMapping[];

  @Field({ description: 'CHECKING (its job reads and checks the file), FAILED (the file could not be read), INVALID, READY, APPLYING (its apply job is queued or running), APPLIED or STALE' })
  status: string;

  @Field(() => ID, { nullable: true, description: 'The job that checks the file and computes the diff (`job(id)` gives its progress).' })
  jobId: string | null;

  @Field(() => ID, { nullable: true, description: 'The job that applies the update, once queued (`job(id)` gives its progress).' })
  applyJobId: string | null;

  @Field(() => String, { nullable: true, description: 'Why the file could not be read (FAILED), translated.' })
  failureMessage: string | null;

  @Field(() => Int)
  rowCount: number;

  @Field(() => Int)
  errorCount: number;

  @Field(() => Int, { description: 'Records whose values change.' })
  recordCount: number;

  @Field(() => Int, { description: 'Field values that change.' })
  fieldCount: number;

  @Field(() => [BulkUpdateFieldCount])
  fieldCounts: BulkUpdateFieldCount[];

  @Field(() => Int)
  staleCount: number;

  @Field(() => String, { nullable: true })
  createdBy: string | null;

  @Field(() => Date, { nullable: true })
  appliedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class BulkUpdateError {
  @Field(() => Int, { description: 'Line of the file (1 is the header).' })
  line: number;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field()
  code: string;

  @Field({ description: 'Translated into the caller\'s language.' })
  message: string;
}

@ObjectType()
export class BulkUpdateErrorPage {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [BulkUpdateError])
  items: BulkUpdateError[];
}

@ObjectType()
export class BulkUpdateChange {
  @Field(() => Int)
  line: number;

  @Field(() => ID)
  recordId: string;

  @Field()
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  newValue: unknown;
}
