import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { StageKind, StageOutcomeStatus } from '../entities/workflow.entity';

@InputType()
export class WorkflowStageInput {
  @Field(() => StageKind)
  @IsEnum(StageKind)
  kind: StageKind;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  formulaId?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxScore?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  places?: number | null;
}

@InputType()
export class SaveWorkflowInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [WorkflowStageInput])
  @ValidateNested({ each: true })
  @Type(() => WorkflowStageInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  stages: WorkflowStageInput[];
}

@InputType()
export class StartRoundInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [String], { nullable: true, description: 'Household codes of an uploaded intake list (for an intake stage without a criterion).' })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @ArrayMaxSize(500_000)
  intakeCodes?: string[] | null;
}

@ArgsType()
export class StageOutcomesArgs {
  @Field(() => ID)
  @IsUUID()
  roundId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(9)
  stage: number;

  @Field(() => StageOutcomeStatus, { nullable: true })
  @IsOptional()
  @IsEnum(StageOutcomeStatus)
  status?: StageOutcomeStatus | null;

  @Field(() => ID, { nullable: true, description: 'Households of this area and the areas below it.' })
  @IsOptional()
  @IsUUID()
  areaId?: string | null;

  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset: number;
}

@ArgsType()
export class RoundFunnelArgs {
  @Field(() => ID)
  @IsUUID()
  roundId: string;

  @Field(() => ID, { nullable: true, description: 'Breaks the funnel down by the areas just below this one (the programme\'s coverage areas by default).' })
  @IsOptional()
  @IsUUID()
  parentAreaId?: string | null;
}

@InputType()
export class ValidationDecisionInput {
  @Field(() => ID)
  @IsUUID()
  householdId: string;

  @Field()
  @IsBoolean()
  approved: boolean;

  @Field(() => String, { nullable: true, description: 'Required for a rejection.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@InputType()
export class DecideValidationInput {
  @Field(() => ID)
  @IsUUID()
  roundId: string;

  @Field(() => [ValidationDecisionInput])
  @ValidateNested({ each: true })
  @Type(() => ValidationDecisionInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  decisions: ValidationDecisionInput[];
}

@InputType()
export class UploadValidationCsvInput {
  @Field(() => ID)
  @IsUUID()
  roundId: string;

  @Field({ description: 'CSV with the columns household_code, approved (x, yes, 1 / no, 0 or empty) and reason (required for a rejection).' })
  @IsString()
  @MinLength(1)
  @MaxLength(2_000_000)
  @Matches(/\S/)
  content: string;
}
