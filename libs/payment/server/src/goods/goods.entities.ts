import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { LineStatus, PayrollStatus } from '../payment-vocabulary';

@ObjectType()
export class GoodsItemNames {
  @Field()
  en: string;

  @Field(() => String, { nullable: true })
  fr?: string | null;

  @Field(() => String, { nullable: true })
  pt?: string | null;
}

/** An item of the goods catalogue (reference data, not in any area). */
@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'goods_item' })
export class GoodsItem extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field(() => GoodsItemNames)
  @Column({ type: 'jsonb' })
  names: GoodsItemNames;

  @Field({ description: 'KG, L, BAG, PIECE...' })
  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Field({ description: 'Value of one unit in minor units (integer, as text).' })
  @Column({ name: 'unit_value_minor', type: 'bigint' })
  unitValueMinor: string;

  @Field()
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/** One item of a goods rule: a quantity per household plus a quantity per member (up to a cap of members). */
@ObjectType()
export class GoodsRule {
  @Field(() => ID)
  itemId: string;

  @Field(() => Int)
  perHousehold: number;

  @Field(() => Int)
  perMember: number;

  @Field(() => Int, { nullable: true })
  memberCap?: number | null;
}

@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'goods_rule_set' })
export class GoodsRuleSet extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => Int)
  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion: number;

  @Field(() => [GoodsRule])
  @Column({ type: 'jsonb' })
  rules: GoodsRule[];
}

/** The goods of one cycle: the counterpart of a payroll, with the same states, approval and reconciliation. */
@ObjectType()
@Entity({ schema: 'payment', name: 'goods_distribution' })
export class GoodsDistribution extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field()
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Field(() => PayrollStatus)
  @Column({ type: 'varchar', length: 20 })
  status: PayrollStatus;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'rule_set_id', type: 'uuid', nullable: true })
  ruleSetId: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true, description: 'The job generating the entitlements (its progress; the last one started).' })
  @Column({ name: 'generation_job_id', type: 'uuid', nullable: true })
  generationJobId: string | null;
}

/** What one beneficiary receives of one item in one cycle (written set-based; transitions in line_transition). */
@ObjectType()
@Entity({ schema: 'payment', name: 'goods_entitlement' })
export class GoodsEntitlement extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'distribution_id', type: 'uuid' })
  distributionId: string;

  @Field(() => ID)
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Field(() => ID)
  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'recipient_id', type: 'uuid', nullable: true })
  recipientId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'recipient_name', type: 'varchar', nullable: true })
  recipientName: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'payment_point_id', type: 'uuid', nullable: true })
  paymentPointId: string | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity: number;

  @Field()
  @Column({ name: 'unit_value_minor', type: 'bigint' })
  unitValueMinor: string;

  @Field(() => Int)
  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion: number;

  @Field(() => LineStatus, { description: 'PAID = delivered.' })
  @Column({ type: 'varchar', length: 20 })
  status: LineStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
