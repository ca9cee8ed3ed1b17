import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export enum CriteriaOperator {
  EQUALS = 'EQUALS',
  NOT_EQUALS = 'NOT_EQUALS',
  IN = 'IN',
  BETWEEN = 'BETWEEN',
  GREATER = 'GREATER',
  LESS = 'LESS',
  IS_EMPTY = 'IS_EMPTY',
  CONTAINS = 'CONTAINS',
}
registerEnumType(CriteriaOperator, { name: 'CriteriaOperator' });

export enum CriteriaAggregateKind {
  COUNT = 'COUNT',
  EXISTS = 'EXISTS',
}
registerEnumType(CriteriaAggregateKind, { name: 'CriteriaAggregateKind', description: 'How a condition on members reads them: how many match, or whether one does.' });

@InputType({ description: 'A condition on one member field (inside a condition on members).' })
export class MemberConditionInput {
  @Field({ description: 'A member field (`age`) or member extra field (`extra.schooling`).' })
  @IsString()
  @MaxLength(100)
  field: string;

  @Field(() => CriteriaOperator)
  @IsEnum(CriteriaOperator)
  operator: CriteriaOperator;

  @Field({ nullable: true, description: 'The value as text; read as a number or true/false by the field\'s type.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string;

  @Field(() => [String], { nullable: true, description: 'For IN (the list) and BETWEEN (low, high).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  values?: string[];
}

@InputType()
export class CriteriaAggregateInput {
  @Field(() => CriteriaAggregateKind)
  @IsEnum(CriteriaAggregateKind)
  kind: CriteriaAggregateKind;

  @Field(() => MemberConditionInput, { nullable: true, description: 'Which members count (all of them when absent).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberConditionInput)
  where?: MemberConditionInput;
}

@InputType({ description: 'A condition on a household field, an extra field (`extra.income`) or, with an aggregate, on `members`.' })
export class CriteriaConditionInput extends MemberConditionInput {
  @Field(() => CriteriaAggregateInput, { nullable: true, description: 'Required when the field is `members`.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CriteriaAggregateInput)
  aggregate?: CriteriaAggregateInput;
}

@InputType()
export class CriteriaGroupInput {
  @Field(() => [CriteriaConditionInput], { description: 'All must hold (AND).' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriteriaConditionInput)
  conditions: CriteriaConditionInput[];
}

@InputType({ description: 'Groups of conditions: AND inside a group, OR between groups.' })
export class CriteriaSourceInput {
  @Field(() => [CriteriaGroupInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriteriaGroupInput)
  groups: CriteriaGroupInput[];
}

@ObjectType()
export class CriteriaProblem {
  @Field({ description: 'Message key (targeting.criteria.*).' })
  key: string;

  @Field(() => Int, { description: '0-based group.' })
  group: number;

  @Field(() => Int, { description: '0-based condition in the group.' })
  condition: number;
}

@ObjectType({ description: 'The criteria written as a CEL expression (the formula source of a CRITERIA formula), or what is wrong.' })
export class CriteriaSource {
  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => CriteriaProblem, { nullable: true })
  problem: CriteriaProblem | null;
}
