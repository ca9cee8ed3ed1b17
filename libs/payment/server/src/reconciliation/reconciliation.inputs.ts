import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBase64, IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';

@InputType({ description: 'Which column of the file holds what (header names).' })
export class ReconciliationMapping {
  @Field({ description: 'The payroll line id (our idempotency key) or the provider reference.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference: string;

  @Field({ description: 'Amount paid, in minor units.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  amount: string;

  @Field({ nullable: true, description: 'PAID / FAILED (absent: every row is a payment).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  status?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receipt?: string;
}

@InputType()
export class ReconcileFileInput {
  @Field(() => ID)
  @IsUUID()
  payrollId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fileName: string;

  @Field({ description: 'The CSV or XLSX file (first sheet, header row first), base64.' })
  @IsBase64()
  @MaxLength(200_000_000)
  contentBase64: string;

  @Field(() => ReconciliationMapping)
  @ValidateNested()
  @Type(() => ReconciliationMapping)
  mapping: ReconciliationMapping;

  @Field({ defaultValue: true, description: 'Apply nothing when any row is in error.' })
  @IsBoolean()
  allOrNothing: boolean;

  @Field({ defaultValue: false, description: 'Check every row and report what would change, applying nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@InputType({ description: 'A reconciliation file whose columns are read before mapping them.' })
export class ReconciliationFileInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fileName: string;

  @Field({ description: 'The CSV or XLSX file, base64.' })
  @IsBase64()
  @MaxLength(200_000_000)
  contentBase64: string;
}

@ObjectType({ description: 'A column suggested for each part of the mapping, by its header (null: none recognised).' })
export class ReconciliationMappingSuggestion {
  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => String, { nullable: true })
  amount: string | null;

  @Field(() => String, { nullable: true })
  status: string | null;

  @Field(() => String, { nullable: true })
  receipt: string | null;
}

@ObjectType()
export class ReconciliationFileColumns {
  @Field(() => [String], { description: 'The header row.' })
  headers: string[];

  @Field(() => [[String]], { description: 'The first data rows (at most 5), one cell per header.' })
  sample: string[][];

  @Field(() => ReconciliationMappingSuggestion)
  suggested: ReconciliationMappingSuggestion;
}

@ObjectType()
export class ReconciliationRowError {
  @Field(() => Int, { description: '1-based data row number.' })
  row: number;

  @Field()
  code: string;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field({ description: 'The error in the request language.' })
  message: string;
}

@ObjectType()
export class ReconciliationOutcome {
  @Field(() => Int)
  rows: number;

  @Field(() => Int)
  applied: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  rejected: number;

  @Field({ description: 'True when this exact file was applied before: nothing changed.' })
  replayed: boolean;

  @Field({ description: 'True for a dry run: nothing was applied.' })
  dryRun: boolean;

  @Field(() => Int, { description: 'Lines this file moves forward (applied, or would be in a dry run).' })
  changes: number;

  @Field(() => [ReconciliationRowError], { description: 'At most 1000 errors.' })
  errors: ReconciliationRowError[];
}
