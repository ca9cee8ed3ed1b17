import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum TicketChannel {
  WEB = 'WEB',
  PUBLIC_FORM = 'PUBLIC_FORM',
  USSD = 'USSD',
  SMS = 'SMS',
  HOTLINE = 'HOTLINE',
  IN_PERSON = 'IN_PERSON',
  COMMUNITY_MEETING = 'COMMUNITY_MEETING',
}
export enum TicketStatus {
  RECEIVED = 'RECEIVED',
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}
export enum TicketPriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
export enum ReporterKind {
  REGISTERED_PERSON = 'REGISTERED_PERSON',
  HOUSEHOLD_MEMBER = 'HOUSEHOLD_MEMBER',
  ANONYMOUS = 'ANONYMOUS',
  STAFF = 'STAFF',
}
registerEnumType(TicketChannel, { name: 'TicketChannel' });
registerEnumType(TicketStatus, { name: 'TicketStatus' });
registerEnumType(TicketPriority, { name: 'TicketPriority' });
registerEnumType(ReporterKind, { name: 'ReporterKind' });

/** The declared transition table: a status change not listed here is refused. */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  RECEIVED: [TicketStatus.OPEN, TicketStatus.CLOSED],
  OPEN: [TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD, TicketStatus.RESOLVED],
  IN_PROGRESS: [TicketStatus.ON_HOLD, TicketStatus.RESOLVED],
  ON_HOLD: [TicketStatus.IN_PROGRESS],
  RESOLVED: [TicketStatus.CLOSED, TicketStatus.REOPENED],
  CLOSED: [TicketStatus.REOPENED],
  REOPENED: [TicketStatus.IN_PROGRESS, TicketStatus.ON_HOLD, TicketStatus.RESOLVED],
};

@ObjectType()
@Audited()
@Entity({ schema: 'grm', name: 'ticket' })
export class Ticket extends CoreEntity {
  @Field({ description: 'Short readable unique reference, e.g. GRM-7K3Q-X9.' })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Field(() => TicketChannel)
  @Column({ type: 'varchar', length: 30 })
  channel: TicketChannel;

  @Field(() => ID)
  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Field()
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  @Field(() => TicketPriority)
  @Column({ type: 'varchar', length: 10, default: TicketPriority.MEDIUM })
  priority: TicketPriority;

  @Field(() => TicketStatus)
  @Column({ type: 'varchar', length: 20, default: TicketStatus.RECEIVED })
  status: TicketStatus;

  @Field({ description: 'Plain text: clients must show it as text.' })
  @Column({ type: 'text' })
  description: string;

  @Field(() => ReporterKind)
  @Column({ name: 'reporter_kind', type: 'varchar', length: 20 })
  reporterKind: ReporterKind;

  /** Exposed through a field resolver that hides it when hideIdentity is set. */
  @Column({ name: 'reporter_name', type: 'varchar', length: 200, nullable: true })
  reporterName: string | null;

  @Column({ name: 'reporter_phone', type: 'varchar', length: 40, nullable: true })
  reporterPhone: string | null;

  @Field()
  @Column({ name: 'hide_identity', type: 'boolean', default: false })
  hideIdentity: boolean;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'individual_id', type: 'uuid', nullable: true })
  individualId: string | null;

  @Field(() => ID, { nullable: true, description: 'A programme, when the programs module is enabled.' })
  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  @Field(() => ID, { nullable: true, description: 'A payment line, when the payment module is enabled.' })
  @Column({ name: 'payment_line_id', type: 'uuid', nullable: true })
  paymentLineId: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** Copy of the area's materialised path: the geographic scope filters on it (`applyAreaScope`). */
  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Field()
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'escalated_to_role', type: 'varchar', length: 100, nullable: true })
  escalatedToRole: string | null;

  @Field(() => ID, { nullable: true, description: 'The earlier ticket of the same reporter and category this one repeats.' })
  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true })
  duplicateOfId: string | null;

  @Field(() => String, { nullable: true, description: 'The response given to the reporter (plain text).' })
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64, nullable: true, select: false })
  secretHash: string | null;
}

export enum TicketEventKind {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  COMMENT = 'COMMENT',
  ASSIGNMENT = 'ASSIGNMENT',
  ESCALATION = 'ESCALATION',
}
registerEnumType(TicketEventKind, { name: 'TicketEventKind' });
