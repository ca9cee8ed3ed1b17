import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

@ObjectType()
@Audited()
@Entity({ schema: 'grm', name: 'ticket' })
export class Ticket extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** Copy of the area's materialised path: the geographic scope filters on it (`applyAreaScope`). */
  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;
}
