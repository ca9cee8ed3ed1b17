import { Field, ObjectType } from '@nestjs/graphql';
import { CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A user's named household-list filter. */
@ObjectType()
@Entity({ schema: 'registry', name: 'saved_search' })
export class SavedSearch extends CoreEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  filter: Record<string, unknown>;
}
