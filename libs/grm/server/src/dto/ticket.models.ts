import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Ticket, TicketStatus } from '../entities/ticket.entity';

@ObjectType()
export class TicketConnection extends Connection(Ticket) {}

@ObjectType()
export class PublicComplaintReceipt {
  @Field()
  reference: string;

  @Field({ description: 'Shown once: with the reference, lets the reporter follow the ticket.' })
  secret: string;
}

@ObjectType()
export class PublicTicketMessage {
  @Field()
  at: Date;

  @Field()
  body: string;
}

@ObjectType()
export class PublicTicketView {
  @Field()
  reference: string;

  @Field(() => TicketStatus)
  status: TicketStatus;

  @Field()
  receivedAt: Date;

  @Field(() => String, { nullable: true })
  resolution: string | null;

  @Field(() => [PublicTicketMessage], { description: 'Comments shared with the reporter.' })
  messages: PublicTicketMessage[];
}

@ObjectType()
export class EscalationResult {
  @Field()
  escalated: number;
}
