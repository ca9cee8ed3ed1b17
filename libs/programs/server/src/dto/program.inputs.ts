import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BenefitBasis, BenefitKind, ProgramStatus, TargetUnit } from '../programs-vocabulary';

export const PROGRAMS_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_AMOUNT = 1e15;

@InputType()
export class ProgramFilter {
  @Field({ nullable: true, description: 'Part of the code or the name (any language), any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => ProgramStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProgramStatus)
  status?: ProgramStatus;
}

@ArgsType()
export class ProgramsArgs extends ConnectionArgs {
  @Field(() => ProgramFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProgramFilter)
  filter?: ProgramFilter;
}

@InputType()
export class LocalizedTextInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  en: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pt?: string | null;
}

@InputType()
export class ProgramBenefitInput {
  @Field(() => BenefitKind)
  @IsEnum(BenefitKind)
  kind: BenefitKind;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @Field(() => Float, { nullable: true, description: 'Zero or more, in the programme currency (CASH) or units.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_AMOUNT)
  amount?: number | null;

  @Field(() => BenefitBasis)
  @IsEnum(BenefitBasis)
  basis: BenefitBasis;
}

/** The fields shared by creation and update (all optional on update). */
@InputType({ isAbstract: true })
abstract class ProgramFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => Float, { nullable: true, description: 'Greater than zero; requires a currency.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(MAX_AMOUNT)
  budget?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code, e.g. USD, XOF, MZN.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  maxBeneficiaries?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY)
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, on or after the start date.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY)
  endDate?: string | null;
}

@InputType()
export class CreateProgramInput extends ProgramFields {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(PROGRAMS_CODE_PATTERN)
  code: string;

  @Field(() => LocalizedTextInput)
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  name: LocalizedTextInput;

  @Field(() => TargetUnit)
  @IsEnum(TargetUnit)
  targetUnit: TargetUnit;

  @Field(() => [ID], { description: 'Administrative areas within the caller\'s areas.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  coverageAreaIds: string[];

  @Field(() => [ProgramBenefitInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgramBenefitInput)
  benefits?: ProgramBenefitInput[];
}

@InputType()
export class UpdateProgramInput extends ProgramFields {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version read by the client; a stale one is refused.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  name?: LocalizedTextInput;

  @Field(() => TargetUnit, { nullable: true, description: 'Only while the programme has no beneficiary.' })
  @IsOptional()
  @IsEnum(TargetUnit)
  targetUnit?: TargetUnit;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  coverageAreaIds?: string[];

  @Field(() => [ProgramBenefitInput], { nullable: true, description: 'Replaces the whole list.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgramBenefitInput)
  benefits?: ProgramBenefitInput[];
}

@InputType()
export class ProgramStatusInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;
}
