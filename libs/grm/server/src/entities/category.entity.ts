import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A grievance category or sub-category (with a parent), configured per deployment. */
@ObjectType('GrmCategory')
@Audited()
@Entity({ schema: 'grm', name: 'category' })
export class Category extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Field({ description: 'Tickets of a sensitive category are visible only with grm.sensitive.view.' })
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  @Field(() => Int, { description: 'Days from receipt to the resolution deadline.' })
  @Column({ name: 'resolution_days', type: 'integer', default: 14 })
  resolutionDays: number;

  @Field(() => String, { nullable: true, description: 'Role code an overdue ticket is escalated to.' })
  @Column({ name: 'supervisor_role', type: 'varchar', length: 100, nullable: true })
  supervisorRole: string | null;
}
