import { Field, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A saved column mapping, reused for files that come in the same shape. */
@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'import_template' })
export class ImportTemplate extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'ONE_FILE or TWO_FILES' })
  @Column({ type: 'varchar', length: 20 })
  layout: string;

  @Field(() => GraphQLJSON, { description: '{ households: { field: column }, members: { field: column } }' })
  @Column({ type: 'jsonb' })
  mapping: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
