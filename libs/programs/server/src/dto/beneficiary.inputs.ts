import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BeneficiaryStatus, STATUS_REASONS } from '../programs-vocabulary';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class BeneficiaryFilter {
  @Field(() => [BeneficiaryStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsEnum(BeneficiaryStatus, { each: true })
  statuses?: BeneficiaryStatus[];

  @Field(() => ID, { nullable: true, description: 'Beneficiaries in this area or below it.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMin?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMax?: number;

  @Field({ nullable: true, description: 'Household code (start of it), or part of the name of the head or the person.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class BeneficiariesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => BeneficiaryFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BeneficiaryFilter)
  filter?: BeneficiaryFilter;
}

/** The reason, date and note every status change carries. */
@InputType({ isAbstract: true })
export abstract class StatusReasonFields {
  @Field({ description: `One of: ${STATUS_REASONS.join(', ')}.` })
  @IsIn(STATUS_REASONS)
  reasonCode: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reasonText?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY)
  effectiveDate?: string | null;
}

@InputType()
export class EnrolBeneficiaryInput extends StatusReasonFields {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => ID, { nullable: true, description: 'For household programmes.' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => ID, { nullable: true, description: 'For individual programmes.' })
  @IsOptional()
  @IsUUID()
  individualId?: string;

  @Field(() => BeneficiaryStatus, { description: 'POTENTIAL, ACTIVE, WAITLISTED or INELIGIBLE.' })
  @IsEnum(BeneficiaryStatus)
  status: BeneficiaryStatus;
}

@InputType()
export class ChangeBeneficiaryStatusInput extends StatusReasonFields {
  @Field(() => ID)
  @IsUUID()
  beneficiaryId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => BeneficiaryStatus)
  @IsEnum(BeneficiaryStatus)
  toStatus: BeneficiaryStatus;
}

@InputType()
export class EnrolHouseholdCodesInput extends StatusReasonFields {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [String], { description: 'Household codes (the first column of the uploaded CSV), at most 20,000.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20_000)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  codes: string[];

  @Field(() => BeneficiaryStatus)
  @IsEnum(BeneficiaryStatus)
  status: BeneficiaryStatus;
}

/** Which beneficiaries a bulk change or an exit review takes: all conditions must hold. */
@InputType()
export class BeneficiarySelectionInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [BeneficiaryStatus])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsEnum(BeneficiaryStatus, { each: true })
  fromStatuses: BeneficiaryStatus[];

  @Field(() => ID, { nullable: true, description: 'Only beneficiaries in this area or below it.' })
  @IsOptional()
  @IsUUID()
  areaId?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMin?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMax?: number | null;

  @Field(() => Int, { nullable: true, description: 'Enrolled (first ACTIVE) at least this many years ago.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  minYearsInProgramme?: number | null;
}

@InputType()
export class BulkStatusChangeInput extends StatusReasonFields {
  @Field(() => BeneficiarySelectionInput)
  @ValidateNested()
  @Type(() => BeneficiarySelectionInput)
  selection: BeneficiarySelectionInput;

  @Field(() => BeneficiaryStatus)
  @IsEnum(BeneficiaryStatus)
  toStatus: BeneficiaryStatus;
}

@InputType({ description: 'Exit criteria; a beneficiary meeting any of the given ones is proposed.' })
export class ExitCriteriaInput {
  @Field(() => Int, { nullable: true, description: 'No current member younger than this age (years); all members\' birth dates must be known.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  noMemberUnderAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Enrolled at least this many years ago.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  yearsInProgramme?: number | null;

  @Field(() => Float, { nullable: true, description: 'Score strictly above this threshold.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreAbove?: number | null;
}

@InputType()
export class ProposeExitsInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string | null;

  @Field(() => ExitCriteriaInput)
  @ValidateNested()
  @Type(() => ExitCriteriaInput)
  criteria: ExitCriteriaInput;
}

@InputType()
export class DecideExitProposalsInput extends StatusReasonFields {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [ID])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  proposalIds: string[];

  @Field({ description: 'true: the beneficiaries leave with `toStatus`; false: the proposals are dismissed.' })
  @IsBoolean()
  confirm: boolean;

  @Field(() => BeneficiaryStatus, { nullable: true, description: 'EXITED (default) or GRADUATED.' })
  @IsOptional()
  @IsIn([BeneficiaryStatus.EXITED, BeneficiaryStatus.GRADUATED])
  toStatus?: BeneficiaryStatus | null;
}

@ArgsType()
export class ExitProposalsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;
}
