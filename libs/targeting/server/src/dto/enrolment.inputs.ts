import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@coremis/core';
import { EnrolmentOutcome, EnrolmentTieBreaker } from '../entities/enrolment-run.entity';

@InputType()
export class EnrolmentQuotaInput {
  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  places: number;
}

@InputType()
export class StartEnrolmentRunInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => ID, { nullable: true, description: 'Score formula whose stored scores (of its current version) rank the households; with a round, its last PMT stage\'s formula by default.' })
  @IsOptional()
  @IsUUID()
  formulaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A completed targeting round: only the households that passed every stage are eligible.' })
  @IsOptional()
  @IsUUID()
  roundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Criterion formula the households must also meet.' })
  @IsOptional()
  @IsUUID()
  criteriaFormulaId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Households scoring above it are not eligible.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxScore?: number | null;

  @Field(() => [EnrolmentTieBreaker], { defaultValue: [] })
  @IsEnum(EnrolmentTieBreaker, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(4)
  tieBreakers: EnrolmentTieBreaker[];

  @Field(() => [EnrolmentQuotaInput], { defaultValue: [], description: 'Places per area; with quotas, households outside every quota area are wait-listed.' })
  @ValidateNested({ each: true })
  @Type(() => EnrolmentQuotaInput)
  @ArrayMaxSize(1000)
  quotas: EnrolmentQuotaInput[];
}

@ArgsType()
export class EnrolmentRunsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;
}

@ArgsType()
export class EnrolmentProposalsArgs {
  @Field(() => ID)
  @IsUUID()
  runId: string;

  @Field(() => EnrolmentOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(EnrolmentOutcome)
  outcome?: EnrolmentOutcome | null;

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
