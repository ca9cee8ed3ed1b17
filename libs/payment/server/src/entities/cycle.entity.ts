import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A payment cycle of a programme: the period it pays for, when, and in which currency. */
@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'cycle' })
export class Cycle extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'The period paid for, e.g. 2026-12 (one cycle per period and programme).' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field({ description: 'YYYY-MM-DD; beneficiaries ACTIVE at this date are paid.' })
  @Column({ name: 'planned_date', type: 'date' })
  plannedDate: string;

  @Field({ description: 'ISO 4217 code.' })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** Copy of the area's materialised path: the geographic scope filters on it (`applyAreaScope`). */
  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;
}
