import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Ticket } from '../entities/ticket.entity';

@ObjectType()
export class TicketConnection extends Connection(Ticket) {}
