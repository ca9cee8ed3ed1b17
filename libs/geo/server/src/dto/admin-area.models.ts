import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, JobStatus } from '@coremis/core';
import { AdminArea } from '../entities/admin-area.entity';

@ObjectType()
export class AdminAreaConnection extends Connection(AdminArea) {}

@ObjectType()
export class ImportLineError {
  @Field(() => Int)
  line: number;

  @Field(() => String, { nullable: true })
  column: string | null;

  @Field()
  code: string;

  @Field({ description: 'In the language of the request.' })
  message: string;
}

@ObjectType()
export class AdminAreaImportReport {
  @Field(() => ID)
  jobId: string;

  @Field(() => JobStatus)
  status: JobStatus;

  @Field(() => Int)
  totalRows: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field({ description: 'True when the file was only validated (nothing written).' })
  validateOnly: boolean;

  @Field(() => Int, { description: 'All errors found; `errors` lists at most the first 1,000.' })
  errorCount: number;

  @Field(() => [ImportLineError])
  errors: ImportLineError[];
}
