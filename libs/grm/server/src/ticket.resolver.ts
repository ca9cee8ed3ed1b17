import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import { TicketsArgs, CreateTicketInput, UpdateTicketInput } from './dto/ticket.inputs';
import { TicketConnection } from './dto/ticket.models';
import { Ticket } from './entities/ticket.entity';
import { TicketService } from './ticket.service';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Ticket)
export class TicketResolver {
  constructor(private readonly service: TicketService) {}

  @Query(() => TicketConnection)
  @RequirePermissions('grm.view')
  async tickets(@Args() args: TicketsArgs): Promise<TicketConnection> {
    return (await this.service.list(args)) as TicketConnection;
  }

  @Query(() => Ticket, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('grm.view')
  ticket(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Ticket | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Ticket)
  @RequirePermissions('grm.manage')
  createTicket(@Args('input') input: CreateTicketInput): Promise<Ticket> {
    return this.service.create(input);
  }

  @Mutation(() => Ticket)
  @RequirePermissions('grm.manage')
  updateTicket(@Args('input') input: UpdateTicketInput): Promise<Ticket> {
    return this.service.update(input);
  }
}
