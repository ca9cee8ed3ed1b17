import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Allow, ArrayMaxSize, ArrayMinSize, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ConnectionArgs, GraphQLJSON } from '@coremis/core';
import { ChangeRecordType, DataChangeStatus } from '../entities/data-change-request.entity';

/** A registry field (`rooms`) or a deployment-defined one (`extra.<property>`). */
export const CHANGE_FIELD_PATTERN = /^(extra\.)?[A-Za-z][A-Za-z0-9_]{0,62}$/;

@InputType()
export class DataChangeFieldInput {
  @Field()
  @IsString()
  @Matches(CHANGE_FIELD_PATTERN)
  field: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A text, number or boolean; null (or an empty text) clears the field.' })
  @Allow()
  newValue?: unknown;
}

@InputType()
export class CreateDataChangeRequestInput {
  @Field(() => ChangeRecordType)
  @IsEnum(ChangeRecordType)
  recordType: ChangeRecordType;

  @Field(() => ID)
  @IsUUID()
  recordId: string;

  @Field(() => [DataChangeFieldInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DataChangeFieldInput)
  changes: DataChangeFieldInput[];

  @Field({ description: 'Why the data should change (the evidence seen).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The grievance asking for the change.' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
}

@InputType()
export class DataChangeRequestFilter {
  @Field(() => DataChangeStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DataChangeStatus)
  status?: DataChangeStatus;

  @Field(() => ChangeRecordType, { nullable: true })
  @IsOptional()
  @IsEnum(ChangeRecordType)
  recordType?: ChangeRecordType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  recordId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @Field(() => ID, { nullable: true, description: 'Requests on records in this area or below.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field({ nullable: true, description: 'Part of the household code or the person\'s name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class DataChangeRequestsArgs extends ConnectionArgs {
  @Field(() => DataChangeRequestFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataChangeRequestFilter)
  filter?: DataChangeRequestFilter;
}

@InputType()
export class RejectDataChangeRequestInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
