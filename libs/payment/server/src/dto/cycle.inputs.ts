import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const PAYMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

@InputType()
export class CycleFilter {
  @Field({ nullable: true, description: 'Part of the code or the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  programId?: string;
}

@ArgsType()
export class CyclesArgs extends ConnectionArgs {
  @Field(() => CycleFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CycleFilter)
  filter?: CycleFilter;
}

@InputType()
export class CreateCycleInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(PAYMENT_CODE_PATTERN)
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field({ description: 'The period paid for, e.g. 2026-12.' })
  @IsString()
  @Matches(PAYMENT_CODE_PATTERN)
  @MaxLength(20)
  period: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE_PATTERN)
  plannedDate: string;

  @Field({ description: 'ISO 4217 code.' })
  @Matches(CURRENCY_PATTERN)
  currency: string;

  @Field(() => ID, { description: 'An administrative area within the caller\'s areas.' })
  @IsUUID()
  areaId: string;
}

@InputType()
export class UpdateCycleInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version read by the client; a stale one is refused.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE_PATTERN)
  plannedDate?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}
