import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { BeneficiaryStatus, StatusChangeSource } from '../programs-vocabulary';

/**
 * The history of a beneficiary's statuses: one row per transition, append-only (written in the same
 * transaction as the status itself, by the service or by set-based SQL).
 */
@ObjectType()
@Entity({ schema: 'programs', name: 'beneficiary_status_change' })
export class BeneficiaryStatusChange {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => BeneficiaryStatus, { nullable: true, description: 'Null for the first status.' })
  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: BeneficiaryStatus | null;

  @Field(() => BeneficiaryStatus)
  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: BeneficiaryStatus;

  @Field({ description: 'Date the change takes effect (YYYY-MM-DD).' })
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Field()
  @Column({ name: 'reason_code', type: 'varchar', length: 40 })
  reasonCode: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'reason_text', type: 'text', nullable: true })
  reasonText: string | null;

  @Field(() => StatusChangeSource)
  @Column({ type: 'varchar', length: 20 })
  source: StatusChangeSource;

  @Field(() => ID, { nullable: true, description: 'The enrolment run, bulk change or exit review that made the change.' })
  @Column({ name: 'source_ref', type: 'uuid', nullable: true })
  sourceRef: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
