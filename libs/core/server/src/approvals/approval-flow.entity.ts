import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CoreEntity } from '../database/base.entity';

export enum ApprovalPolicy {
  /** One approval from a holder of any of the roles. */
  ANY = 'ANY',
  /** Every role listed approves: one distinct approver per role. */
  ALL = 'ALL',
  /** `required` distinct approvers holding any of the roles. */
  N = 'N',
}
registerEnumType(ApprovalPolicy, { name: 'ApprovalPolicy' });

@ObjectType()
export class ApprovalLevel {
  @Field(() => [String], { description: 'Role codes allowed to decide at this level.' })
  roles: string[];

  @Field(() => ApprovalPolicy)
  policy: ApprovalPolicy;

  @Field(() => Int, { nullable: true, description: 'Distinct approvers needed (policy N only).' })
  required?: number | null;
}

/** The approval levels an operation goes through before it runs. */
@ObjectType()
@Entity({ schema: 'core', name: 'approval_flow' })
export class ApprovalFlow extends CoreEntity {
  @Field({ description: 'Code of the approvable operation, e.g. geo.areas.create.' })
  @Column({ type: 'varchar', length: 100, unique: true })
  operation: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Field(() => [ApprovalLevel], { description: 'In order: level 1 decides first.' })
  @Column({ type: 'jsonb' })
  levels: ApprovalLevel[];
}
