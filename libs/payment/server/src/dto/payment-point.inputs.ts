import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsLatitude, IsLongitude, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PaymentPointType } from '../payment-vocabulary';
import { PAYMENT_CODE_PATTERN } from './cycle.inputs';

export const WEEK_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

@InputType()
export class SavePaymentPointInput {
  @Field(() => ID, { nullable: true, description: 'Absent: a new point.' })
  @IsOptional()
  @IsUUID()
  id?: string;

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

  @Field(() => PaymentPointType)
  @IsEnum(PaymentPointType)
  type: PaymentPointType;

  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  staffUserIds: string[];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(7)
  @IsIn(WEEK_DAYS, { each: true })
  openingDays: string[];
}

@InputType()
export class AssignPaymentPointInput {
  @Field(() => ID)
  @IsUUID()
  paymentPointId: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  beneficiaryIds: string[];
}

@ArgsType()
export class PaymentPointsArgs extends ConnectionArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
