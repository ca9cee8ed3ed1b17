import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { PayrollStatus } from '../payment-vocabulary';

@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'payroll' })
export class Payroll extends CoreEntity {
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

  @Field(() => ID, { nullable: true, description: 'Provider account paying it; null: cash at payment points.' })
  @Column({ name: 'provider_account_id', type: 'uuid', nullable: true })
  providerAccountId: string | null;

  @Field(() => ID, { nullable: true, description: 'The payroll whose failed lines this follow-up carries.' })
  @Column({ name: 'parent_payroll_id', type: 'uuid', nullable: true })
  parentPayrollId: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'generation_job_id', type: 'uuid', nullable: true })
  generationJobId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'submission_job_id', type: 'uuid', nullable: true })
  submissionJobId: string | null;
}
