import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs, IsCalendarDate, IsCurrencyCode, IsYearMonth } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const PAYMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Years a cycle may pay for or be planned in. */
export const CYCLE_FIRST_YEAR = 2000;
export const CYCLE_LAST_YEAR = 2099;

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

  @Field({ description: `The month paid for, YYYY-MM (e.g. 2026-12), of a year from ${CYCLE_FIRST_YEAR} to ${CYCLE_LAST_YEAR}.` })
  @IsYearMonth(CYCLE_FIRST_YEAR, CYCLE_LAST_YEAR)
  period: string;

  @Field({ description: `YYYY-MM-DD, a day from ${CYCLE_FIRST_YEAR} to ${CYCLE_LAST_YEAR}.` })
  @IsCalendarDate(`${CYCLE_FIRST_YEAR}-01-01`, `${CYCLE_LAST_YEAR}-12-31`)
  plannedDate: string;

  @Field({ description: 'ISO 4217 code of a currency in circulation, in capitals.' })
  @IsCurrencyCode()
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
  @IsCalendarDate(`${CYCLE_FIRST_YEAR}-01-01`, `${CYCLE_LAST_YEAR}-12-31`)
  plannedDate?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}
