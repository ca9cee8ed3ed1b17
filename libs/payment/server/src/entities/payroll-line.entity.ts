import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { LineStatus } from '../payment-vocabulary';

/** One amount components entry: what the rule set added (or took away) and why. */
@ObjectType()
export class AmountComponent {
  @Field()
  code: string;

  @Field({ description: 'Minor units, signed (a cap or rounding is negative).' })
  amountMinor: string;
}

/**
 * A payroll line: written set-based (generation, transitions), so it is not `@Audited` row by row; every status
 * change is a row of `payment.line_transition` and a summary entry in the audit log.
 */
@ObjectType()
@Entity({ schema: 'payment', name: 'payroll_line' })
export class PayrollLine extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'payroll_id', type: 'uuid' })
  payrollId: string;

  @Field(() => ID)
  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @Field(() => ID)
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  attempt: number;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'recipient_id', type: 'uuid', nullable: true })
  recipientId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'recipient_name', type: 'varchar', nullable: true })
  recipientName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'payment_point_id', type: 'uuid', nullable: true })
  paymentPointId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field()
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field({ description: 'Minor units (integer, as text: exact).' })
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor: string;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'rule_version', type: 'integer', nullable: true })
  ruleVersion: number | null;

  @Field(() => [AmountComponent])
  @Column({ type: 'jsonb' })
  components: AmountComponent[];

  @Field(() => LineStatus)
  @Column({ type: 'varchar', length: 20 })
  status: LineStatus;

  @Field(() => [String], { description: 'Duplicate flag reasons (PaymentFlagReason values).' })
  @Column({ type: 'text', array: true })
  flags: string[];

  @Field(() => String, { nullable: true })
  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  receipt: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
