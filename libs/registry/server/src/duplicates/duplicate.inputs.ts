import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DuplicateStatus } from '../entities/duplicate-candidate.entity';
import { MIN_DUPLICATE_THRESHOLD } from './duplicate-detection.service';

/** What a reviewer can decide about a pair (PENDING is where pairs start, not a decision). */
export enum DuplicateDecisionEnum {
  DUPLICATE = 'DUPLICATE',
  NOT_DUPLICATE = 'NOT_DUPLICATE',
  POSTPONED = 'POSTPONED',
}
registerEnumType(DuplicateDecisionEnum, {
  name: 'DuplicateDecision',
  description: 'DUPLICATE merges the pair into the survivor; NOT_DUPLICATE means the pair is never flagged again; POSTPONED keeps it for later.',
});

@ArgsType()
export class DuplicateCandidatesArgs extends ConnectionArgs {
  @Field(() => DuplicateStatus, { defaultValue: DuplicateStatus.PENDING })
  @IsEnum(DuplicateStatus)
  status: DuplicateStatus = DuplicateStatus.PENDING;
}

@InputType()
export class DecideDuplicateInput {
  @Field(() => ID)
  @IsUUID()
  candidateId: string;

  @Field(() => DuplicateDecisionEnum)
  @IsEnum(DuplicateDecisionEnum)
  decision: DuplicateDecisionEnum;

  @Field(() => ID, { nullable: true, description: 'For DUPLICATE: the record that stays (individualA by default); the other is merged into it.' })
  @IsOptional()
  @IsUUID()
  survivorId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The candidate version the reviewer saw; a changed pair is refused.' })
  @IsOptional()
  @IsInt()
  version?: number | null;
}

@InputType()
export class SaveDuplicateSettingsInput {
  @Field(() => Float, { description: 'Lowest score at which a pair becomes a candidate, from 0.7 to 1.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_DUPLICATE_THRESHOLD)
  @Max(1)
  threshold: number;

  @Field(() => Float, { nullable: true, description: 'Optional, at least the threshold: candidates below it are shown as uncertain.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_DUPLICATE_THRESHOLD)
  @Max(1)
  reviewBelow?: number | null;
}

@ObjectType('DuplicateSettings')
export class DuplicateSettingsModel {
  @Field(() => Float)
  threshold: number;

  @Field(() => Float, { nullable: true })
  reviewBelow: number | null;
}

@ObjectType()
export class DuplicateModelLevel {
  @Field()
  level: string;

  @Field(() => Float, { description: 'P(level | same person).' })
  m: number;

  @Field(() => Float, { description: 'P(level | different people).' })
  u: number;

  @Field(() => Float, { description: 'log2(m/u).' })
  weight: number;
}

@ObjectType()
export class DuplicateModelField {
  @Field()
  field: string;

  @Field(() => [DuplicateModelLevel])
  levels: DuplicateModelLevel[];
}

@ObjectType()
export class DuplicateModelQuality {
  @Field(() => Float)
  threshold: number;

  @Field(() => Float, { description: 'Expected share of flagged pairs that are the same person, by the model.' })
  precision: number;

  @Field(() => Float, { description: 'Expected share of the same-person pairs among the candidates that are flagged, by the model.' })
  recall: number;

  @Field(() => Int)
  pairs: number;
}

@ObjectType('DuplicateModel', { description: 'The Fellegi-Sunter model estimated on the registry by the latest registry-wide detection.' })
export class DuplicateModelInfo {
  @Field(() => Int)
  version: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => Int, { description: 'Candidate pairs the model was estimated on.' })
  pairs: number;

  @Field(() => Float, { description: 'Estimated share of same-person pairs among the candidates.' })
  prior: number;

  @Field(() => Int)
  iterations: number;

  @Field(() => [DuplicateModelField])
  fields: DuplicateModelField[];

  @Field(() => [DuplicateModelQuality])
  expected: DuplicateModelQuality[];

  @Field(() => Float, { nullable: true, description: 'Lowest reported threshold whose expected precision is at least 0.95.' })
  suggestedThreshold: number | null;
}
