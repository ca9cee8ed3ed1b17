import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { TicketEventKind, TicketStatus } from './ticket.entity';

/** One line of a ticket's timeline; internal comments are never shown to the reporter. */
@ObjectType()
@Audited()
@Entity({ schema: 'grm', name: 'ticket_event' })
export class TicketEvent extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Field(() => TicketEventKind)
  @Column({ type: 'varchar', length: 20 })
  kind: TicketEventKind;

  @Field(() => TicketStatus, { nullable: true })
  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: TicketStatus | null;

  @Field(() => TicketStatus, { nullable: true })
  @Column({ name: 'to_status', type: 'varchar', length: 20, nullable: true })
  toStatus: TicketStatus | null;

  @Field(() => String, { nullable: true, description: 'Plain text.' })
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Field()
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;
}
