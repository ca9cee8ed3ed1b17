import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum FormulaKind {
  /** A PMT score (number). */
  SCORE = 'SCORE',
  /** A categorical criterion (true/false). */
  CRITERIA = 'CRITERIA',
}
registerEnumType(FormulaKind, { name: 'FormulaKind' });

/** A programme's formula; its text lives in immutable versions, `currentVersion` is the one scoring uses. */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'formula' })
export class Formula extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => FormulaKind)
  @Column({ type: 'varchar', length: 10 })
  kind: FormulaKind;

  @Field(() => Int)
  @Column({ name: 'current_version', type: 'integer' })
  currentVersion: number;

  @Field({ description: 'The CEL text of the current version.' })
  @Column({ type: 'text' })
  source: string;

  @Field(() => GraphQLJSON, { nullable: true, description: "A criteria formula's builder groups (CriteriaGroupInput list), when its text is exactly what they write; null when written by hand." })
  @Column({ type: 'jsonb', nullable: true })
  criteria: unknown[] | null;
}

/** One saved text of a formula; never changed, so every score can name the version that produced it. */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'formula_version' })
export class FormulaVersion extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'formula_id', type: 'uuid' })
  formulaId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  number: number;

  @Field()
  @Column({ type: 'text' })
  source: string;
}
