import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A photo or scanned document attached to an individual, stored in the database with the record it belongs to. */
@ObjectType()
@Audited({ ignore: ['content'] })
@Entity({ schema: 'registry', name: 'stored_file' })
export class StoredFile extends CoreEntity {
  @Field(() => ID, { nullable: true })
  @Column({ name: 'individual_id', type: 'uuid', nullable: true })
  individualId: string | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Field({ description: 'PHOTO or DOCUMENT' })
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field()
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
