import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'individual_document' })
export class IndividualDocument extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @Field()
  @Column({ type: 'varchar', length: 30 })
  type: string;

  @Field()
  @Column({ type: 'varchar', length: 60 })
  number: string;
}
