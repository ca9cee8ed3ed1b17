import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { BeforeInsert, CreateDateColumn, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { uuidv7 } from 'uuidv7';

/**
 * Every CoreMIS table has a time-ordered UUIDv7 key (bulk loads stay sequential in the index),
 * UTC timestamps and an optimistic-lock version.
 */
@ObjectType({ isAbstract: true })
export abstract class CoreEntity {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @VersionColumn({ default: 1 })
  version: number;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= newId();
  }
}

/** A new time-ordered id, for code that needs the id before the insert (e.g. to build a path). */
export const newId = (): string => uuidv7();
