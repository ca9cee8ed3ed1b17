import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FormulaKind } from '../entities/formula.entity';
import { CriteriaGroupInput } from './criteria.inputs';

export const TARGETING_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_FORMULA_LENGTH = 10000;

@ArgsType()
export class FormulasArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;
}

@InputType()
export class ValidateFormulaInput {
  @Field()
  @IsString()
  @MaxLength(MAX_FORMULA_LENGTH)
  source: string;

  @Field(() => FormulaKind, { defaultValue: FormulaKind.SCORE })
  @IsEnum(FormulaKind)
  kind: FormulaKind;

  @Field(() => ID, { nullable: true, description: 'The programme whose per-area coefficients (coef.<name>) the formula may read.' })
  @IsOptional()
  @IsUUID()
  programId?: string | null;
}

@InputType()
export class PreviewFormulaInput extends ValidateFormulaInput {
  @Field(() => ID)
  @IsUUID()
  override programId: string;

  @Field(() => Int, { defaultValue: 20, description: 'Histogram bars (score formulas).' })
  @IsInt()
  @Min(1)
  @Max(100)
  buckets: number;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(0)
  @Max(50)
  sampleSize: number;
}

@InputType()
export class SaveFormulaInput extends ValidateFormulaInput {
  @Field(() => ID, { nullable: true, description: 'The formula to give a new version; empty to create one.' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field(() => Int, { nullable: true, description: 'The version read by the client, when changing a formula.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @Field(() => ID)
  @IsUUID()
  override programId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(TARGETING_CODE_PATTERN)
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => [CriteriaGroupInput], { nullable: true, description: 'The builder groups the criteria text was written from; kept only when they still write exactly `source`.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriteriaGroupInput)
  criteria?: CriteriaGroupInput[] | null;
}
