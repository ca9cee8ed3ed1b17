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

  @Field({ description: 'text, int, decimal, date, choice, list or phones' })
  kind: string;
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

  @Field(() => GraphQLJSON, { description: 'Fields matched to columns by name, alias or label in any language: { "<field>": "<column>" }.' })
  suggestedMapping: Record<string, string>;

  @Field(() => String, { nullable: true, description: 'CSV: the separator the file is read with (given, else detected): , ; | or a tab.' })
  separator: string | null;

  @Field(() => String, { nullable: true, description: 'CSV: UTF8 or WINDOWS1252 (given, else detected).' })
  encoding: string | null;

  @Field(() => String, { nullable: true, description: 'CSV: the separator detection found.' })
  detectedSeparator: string | null;

  @Field(() => String, { nullable: true, description: 'CSV: the encoding detection found.' })
  detectedEncoding: string | null;

  @Field(() => [String], { description: 'XLSX: the sheets of the workbook.' })
  sheets: string[];

  @Field(() => String, { nullable: true, description: 'XLSX: the sheet read.' })
  sheet: string | null;
}

@ObjectType()
export class ImportColumnValue {
  @Field()
  value: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class ImportColumnValues {
  @Field()
  column: string;

  @Field(() => Int, { description: 'Different non-blank values in the column.' })
  distinct: number;

  @Field(() => [ImportColumnValue], { description: 'The most frequent values first (200 at most).' })
  values: ImportColumnValue[];
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
