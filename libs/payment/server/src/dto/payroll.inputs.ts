import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BenefitBase, LineStatus } from '../payment-vocabulary';

/** A non-negative integer amount in minor units, as text (no floating point). */
export const MINOR_PATTERN = /^(0|[1-9]\d{0,15})$/;
export const TOPUP_CONDITIONS = ['CHILD_UNDER_5', 'CHILD_UNDER_18', 'ELDERLY_60', 'DISABLED', 'FEMALE_HEADED'] as const;

@InputType()
export class BenefitTopUpInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @Matches(/^[A-Za-z0-9 _-]+$/)
  label: string;

  @Field()
  @IsIn(TOPUP_CONDITIONS)
  condition: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(50)
  minCount: number;

  @Field()
  @Matches(MINOR_PATTERN)
  amountMinor: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  perMember: boolean;
}

@InputType()
export class SaveBenefitRulesInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => BenefitBase)
  @IsEnum(BenefitBase)
  base: BenefitBase;

  @Field()
  @Matches(MINOR_PATTERN)
  baseAmountMinor: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  memberCap?: number | null;

  @Field(() => [BenefitTopUpInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BenefitTopUpInput)
  topUps: BenefitTopUpInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MINOR_PATTERN)
  maxPerTransactionMinor?: string | null;

  @Field({ defaultValue: '1' })
  @Matches(/^[1-9]\d{0,9}$/)
  roundingMinor: string;
}

@InputType()
export class CreatePayrollInput {
  @Field(() => ID)
  @IsUUID()
  cycleId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  code: string;

  @Field(() => ID, { nullable: true, description: 'Provider account; none: cash at payment points.' })
  @IsOptional()
  @IsUUID()
  providerAccountId?: string | null;
}

@InputType()
export class PayrollLinesDecisionInput {
  @Field(() => ID)
  @IsUUID()
  payrollId: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  lineIds: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@InputType()
export class PayrollDecisionInput {
  @Field(() => ID)
  @IsUUID()
  payrollId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@ArgsType()
export class PayrollsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}

@ArgsType()
export class PayrollLinesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  payrollId: string;

  @Field(() => LineStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LineStatus)
  status?: LineStatus;
}

@InputType()
export class CashDeliveryInput {
  @Field(() => ID)
  @IsUUID()
  lineId: string;

  @Field({ description: 'Amount handed over, minor units.' })
  @Matches(MINOR_PATTERN)
  paidAmountMinor: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receipt?: string;
}
