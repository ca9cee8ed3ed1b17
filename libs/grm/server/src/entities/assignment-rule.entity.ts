import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** New tickets of a category in an area (or below it) go to this user; the deepest area wins. */
@ObjectType('GrmAssignmentRule')
@Audited()
@Entity({ schema: 'grm', name: 'assignment_rule' })
export class AssignmentRule extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID)
  @Column({ name: 'assignee_id', type: 'uuid' })
  assigneeId: string;
}
