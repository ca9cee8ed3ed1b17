import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON, JobStatus } from '@coremis/core';

@ObjectType()
export class ImportField {
  @Field()
  name: string;

  @Field({ description: 'In the language of the request.' })
  label: string;

  @Field({ description: 'household or member' })
  target: string;

  @Field()
  required: boolean;

  @Field(() => [String], { nullable: true })
  choices: string[] | null;
}

@ObjectType()
export class ImportFilePreview {
  @Field(() => ID)
  uploadId: string;

  @Field()
  name: string;

  @Field()
  format: string;

  @Field(() => [String])
  headers: string[];

  @Field(() => [[String]])
  rows: string[][];

  @Field(() => GraphQLJSON, { description: 'Fields matched to columns by name: { "<field>": "<column>" }.' })
  suggestedMapping: Record<string, string>;
}

@ObjectType()
export class ImportRowErrorModel {
  @Field()
  file: string;

  @Field(() => Int)
  line: number;

  @Field(() => String, { nullable: true })
  householdKey: string | null;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field()
  code: string;

  @Field({ description: 'In the language of the request.' })
  message: string;
}

@ObjectType()
export class RegistryImportReport {
  @Field(() => ID)
  jobId: string;

  @Field(() => JobStatus)
  status: JobStatus;

  @Field()
  progress: number;

  @Field(() => String, { nullable: true, description: 'Why the files could not be read at all (nothing was checked or written).' })
  setupError: string | null;

  @Field()
  layout: string;

  @Field()
  mode: string;

  @Field()
  validateOnly: boolean;

  @Field(() => Int)
  householdRows: number;

  @Field(() => Int)
  memberRows: number;

  @Field(() => Int)
  householdsCreated: number;

  @Field(() => Int)
  householdsUpdated: number;

  @Field(() => Int)
  householdsRejected: number;

  @Field(() => Int)
  individualsCreated: number;

  @Field(() => Int)
  individualsUpdated: number;

  @Field(() => Int)
  errorCount: number;

  @Field(() => [ImportRowErrorModel], { description: 'The first errors; download the full report as CSV.' })
  errors: ImportRowErrorModel[];

  @Field(() => Int, { nullable: true })
  duplicateCandidates: number | null;

  @Field(() => [String], { description: 'Steps after the merge that did not succeed; the imported households stand.' })
  warnings: string[];

  @Field({ description: 'Where the full per-row report can be downloaded (CSV, with the access token).' })
  errorReportUrl: string;

  @Field({ nullable: true })
  seconds: number;
}
