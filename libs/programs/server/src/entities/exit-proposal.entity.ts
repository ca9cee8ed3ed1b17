import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum ExitProposalState {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ExitProposalState, { name: 'ExitProposalState' });

/** A beneficiary the exit criteria picked, waiting for an officer to confirm or dismiss it. */
@ObjectType()
@Entity({ schema: 'programs', name: 'exit_proposal' })
export class ExitProposal {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => [String], { description: 'The criteria met: NO_MEMBER_UNDER_AGE, YEARS_IN_PROGRAMME, SCORE_ABOVE.' })
  @Column({ name: 'criteria_met', type: 'text', array: true })
  criteriaMet: string[];

  @Field(() => ExitProposalState)
  @Column({ type: 'varchar', length: 20 })
  state: ExitProposalState;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
