import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApprovalPolicy } from '../approval-flow.entity';

export const MAX_APPROVAL_LEVELS = 5;
/** The approvals module does not know how many users hold a role, so N has a fixed ceiling. */
export const MAX_REQUIRED_APPROVERS = 10;
/** Same rule as role codes in identity. */
const ROLE_CODE = /^[a-z][a-z0-9_.-]{1,49}$/;

@InputType()
export class ApprovalLevelInput {
  @Field(() => [String], { description: 'Role codes allowed to decide at this level.' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Matches(ROLE_CODE, { each: true })
  roles: string[];

  @Field(() => ApprovalPolicy)
  @IsEnum(ApprovalPolicy)
  policy: ApprovalPolicy;

  @Field(() => Int, { nullable: true, description: 'Distinct approvers needed; only with policy N.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REQUIRED_APPROVERS)
  required?: number | null;
}

@InputType()
export class SaveApprovalFlowInput {
  @Field({ description: 'An approvable operation code (see approvableOperations).' })
  @IsString()
  @MaxLength(100)
  operation: string;

  @Field()
  @IsBoolean()
  enabled: boolean;

  @Field(() => [ApprovalLevelInput], { description: `1 to ${MAX_APPROVAL_LEVELS} levels, decided in order.` })
  @ArrayMaxSize(MAX_APPROVAL_LEVELS)
  @ValidateNested({ each: true })
  @Type(() => ApprovalLevelInput)
  levels: ApprovalLevelInput[];
}
