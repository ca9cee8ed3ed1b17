import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BeforeInsert, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { newId } from '../database/base.entity';

export enum ApprovalDecisionType {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ApprovalDecisionType, { name: 'ApprovalDecisionType' });

/** One checker's decision at one level; never changed afterwards. */
@ObjectType()
@Entity({ schema: 'core', name: 'approval_decision' })
export class ApprovalDecision {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  level: number;

  @Field(() => ID)
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field()
  @Column({ type: 'text' })
  username: string;

  @Field(() => [String], { description: 'The roles of the level the checker held when deciding.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  @Field(() => ApprovalDecisionType)
  @Column({ type: 'varchar', length: 8 })
  decision: ApprovalDecisionType;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= newId();
  }
}
