import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { BenefitBase } from '../payment-vocabulary';

/** A top-up for beneficiaries whose household has at least `minCount` members matching the condition. */
@ObjectType()
export class BenefitTopUp {
  @Field()
  label: string;

  @Field({ description: 'CHILD_UNDER_5 | CHILD_UNDER_18 | ELDERLY_60 | DISABLED | FEMALE_HEADED' })
  condition: string;

  @Field(() => Int)
  minCount: number;

  @Field({ description: 'Minor units, added once, or per matching member when perMember.' })
  amountMinor: string;

  @Field()
  perMember: boolean;
}

@ObjectType()
export class BenefitRules {
  @Field(() => BenefitBase)
  base: BenefitBase;

  @Field({ description: 'Minor units (integer, as text).' })
  baseAmountMinor: string;

  @Field(() => Int, { nullable: true, description: 'PER_MEMBER: members counted at most.' })
  memberCap?: number | null;

  @Field(() => [BenefitTopUp])
  topUps: BenefitTopUp[];

  @Field(() => String, { nullable: true, description: 'Largest amount of one transaction, minor units.' })
  maxPerTransactionMinor?: string | null;

  @Field({ description: 'Amounts are rounded down to a multiple of this (minor units, 1 = no rounding).' })
  roundingMinor: string;
}

@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'benefit_rule_set' })
export class BenefitRuleSet extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => Int)
  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion: number;

  @Field(() => BenefitRules)
  @Column({ type: 'jsonb' })
  rules: BenefitRules;
}
