import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDate, IsEnum, IsInt, IsLatitude, IsLongitude, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, NotEquals, ValidateNested } from 'class-validator';
import { PAYMENT_CODE_PATTERN } from '../dto/cycle.inputs';
import { MINOR_PATTERN } from '../dto/payroll.inputs';
import { LineStatus } from '../payment-vocabulary';

export const MAX_QUANTITY = 1_000_000;

@InputType()
export class GoodsItemNamesInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  en: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pt?: string | null;
}

@InputType()
export class SaveGoodsItemInput {
  @Field(() => ID, { nullable: true, description: 'Absent: a new item.' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(PAYMENT_CODE_PATTERN)
  code: string;

  @Field(() => GoodsItemNamesInput)
  @ValidateNested()
  @Type(() => GoodsItemNamesInput)
  names: GoodsItemNamesInput;

  @Field()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,19}$/)
  unit: string;

  @Field()
  @IsString()
  @Matches(MINOR_PATTERN)
  unitValueMinor: string;

  @Field()
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @Field({ defaultValue: true })
  @IsBoolean()
  active: boolean;
}

@ArgsType()
export class GoodsItemsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@InputType()
export class GoodsRuleInput {
  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  perHousehold: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  perMember: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  memberCap?: number | null;
}

@InputType()
export class SaveGoodsRulesInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [GoodsRuleInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GoodsRuleInput)
  rules: GoodsRuleInput[];
}

@InputType()
export class CreateGoodsDistributionInput {
  @Field(() => ID)
  @IsUUID()
  cycleId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @Matches(PAYMENT_CODE_PATTERN)
  code: string;
}

@InputType()
export class GoodsDistributionDecisionInput {
  @Field(() => ID)
  @IsUUID()
  distributionId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@InputType()
export class GoodsEntitlementsDecisionInput extends GoodsDistributionDecisionInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  entitlementIds: string[];
}

@ArgsType()
export class GoodsDistributionsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}

@ArgsType()
export class GoodsEntitlementsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  distributionId: string;

  @Field(() => LineStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LineStatus)
  status?: LineStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  paymentPointId?: string;
}

@InputType()
export class StockMovementInput {
  @Field(() => ID)
  @IsUUID()
  paymentPointId: string;

  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field(() => Int, { description: 'A receipt: more than zero. An adjustment: signed, never below zero in stock.' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_QUANTITY)
  @Max(MAX_QUANTITY)
  quantity: number;

  @Field(() => String, { nullable: true, description: 'Waybill or count sheet number.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@ArgsType()
export class GoodsStockArgs {
  @Field(() => ID)
  @IsUUID()
  paymentPointId: string;
}

@ArgsType()
export class StockMovementsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  paymentPointId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  itemId?: string;
}

/** A delivery recorded from the web (a supervisor entering an agent's paper receipt). */
@InputType()
export class GoodsDeliveryInput {
  @Field(() => ID, { description: 'Client-generated id: recording the same delivery twice changes nothing.' })
  @IsUUID()
  clientId: string;

  @Field(() => ID)
  @IsUUID()
  entitlementId: string;

  @Field(() => GraphQLISODateTime)
  @Type(() => Date)
  @IsDate()
  deliveredAt: Date;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receiptNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'JPEG, PNG or WebP, base64, at most 512 KB.' })
  @IsOptional()
  @IsString()
  @MaxLength(700_000)
  photoBase64?: string | null;
}
