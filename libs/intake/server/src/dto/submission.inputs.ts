import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs, GraphQLJSON } from '@coremis/core';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleaningRuleKind, SubmissionSource, SubmissionStatus } from '../intake-vocabulary';
import { CORRECTABLE_FIELD } from '../mapping/form-mapping';

@InputType()
export class SubmissionFilter {
  @Field(() => [SubmissionStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(SubmissionStatus, { each: true })
  statuses?: SubmissionStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  connectorId?: string;

  @Field(() => SubmissionSource, { nullable: true })
  @IsOptional()
  @IsEnum(SubmissionSource)
  source?: SubmissionSource;

  @Field({ nullable: true, description: 'An issue code (AREA_UNKNOWN, NO_HEAD...).' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,40}$/)
  issue?: string;
}

@ArgsType()
export class SubmissionsArgs extends ConnectionArgs {
  @Field(() => SubmissionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubmissionFilter)
  filter?: SubmissionFilter;
}

@InputType()
export class FieldCorrectionInput {
  @Field({ description: 'household.areaCode, members.0.givenName, household.extra.<key>...' })
  @Matches(CORRECTABLE_FIELD)
  field: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A text, a number or null (checked by the service).' })
  @Allow()
  value: unknown;
}

@InputType()
export class CorrectSubmissionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => [FieldCorrectionInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldCorrectionInput)
  corrections: FieldCorrectionInput[];
}

@InputType()
export class DecideSubmissionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;
}

@InputType()
export class RejectSubmissionInput extends DecideSubmissionInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

@InputType()
export class CleaningRuleInput {
  @Field(() => CleaningRuleKind)
  @IsEnum(CleaningRuleKind)
  kind: CleaningRuleKind;

  @Field(() => ID, { nullable: true, description: 'Only this connector\'s submissions.' })
  @IsOptional()
  @IsUUID()
  connectorId?: string | null;

  @Field(() => String, { nullable: true, description: 'MAP_RELATIONSHIP: the form value, e.g. "Chef de ménage".' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  value?: string | null;

  @Field(() => String, { nullable: true, description: 'MAP_RELATIONSHIP: the registry code, e.g. HEAD.' })
  @IsOptional()
  @Matches(/^[A-Z_]{1,30}$/)
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'PHONE_E164: the default country calling code, e.g. 221.' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,2}$/)
  country?: string | null;
}
