import { Field, Float, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { BeneficiaryStatus } from '../programs-vocabulary';
import { numericColumn } from './program.entity';

/** A household (household programmes) or an individual (individual programmes) in a programme. */
@ObjectType()
@Audited()
@Entity({ schema: 'programs', name: 'beneficiary' })
export class Beneficiary extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'individual_id', type: 'uuid', nullable: true })
  individualId: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** Copy of the household's area path: the geographic scope filters on it. */
  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => BeneficiaryStatus)
  @Column({ type: 'varchar', length: 20 })
  status: BeneficiaryStatus;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'status_since', type: 'timestamptz' })
  statusSince: Date;

  @Field(() => String, { nullable: true, description: 'Date of the first enrolment as ACTIVE (YYYY-MM-DD).' })
  @Column({ name: 'enrolled_on', type: 'date', nullable: true })
  enrolledOn: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numericColumn })
  score: number | null;
}
