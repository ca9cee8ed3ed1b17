import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CacheableQuery, type GraphqlContext, groupByKeys, indexByKeys, RequestContext, RequirePermissions, UuidPipe } from '@coremis/core';
import { TicketAttachment } from './attachments/ticket-attachment.entity';
import { TicketAttachmentService } from './attachments/ticket-attachment.service';
import { AssignTicketInput, CommentTicketInput, CreateTicketInput, TicketsArgs, TransitionTicketInput } from './dto/ticket.inputs';
import { EscalationResult, TicketConnection } from './dto/ticket.models';
import { Category } from './entities/category.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket, TicketChannel } from './entities/ticket.entity';
import { TicketService } from './ticket.service';
import { CategoryService } from './category.service';

/** Root operations declare their permission; the service applies area scope and the sensitive rule. */
@Resolver(() => Ticket)
export class TicketResolver {
  constructor(
    private readonly service: TicketService,
    private readonly categories: CategoryService,
    private readonly attachmentService: TicketAttachmentService,
  ) {}

  @Query(() => TicketConnection)
  @CacheableQuery()
  @RequirePermissions('grm.view')
  async tickets(@Args() args: TicketsArgs): Promise<TicketConnection> {
    return (await this.service.list(args)) as TicketConnection;
  }

  @Query(() => Ticket, { nullable: true, description: 'Null when it does not exist, is outside the caller\'s areas or is sensitive and hidden.' })
  @CacheableQuery()
  @RequirePermissions('grm.view')
  ticket(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Ticket | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Ticket)
  @RequirePermissions('grm.manage')
  createTicket(@Args('input') input: CreateTicketInput): Promise<Ticket> {
    return this.service.create({ ...input, channel: input.channel === TicketChannel.PUBLIC_FORM ? TicketChannel.WEB : input.channel });
  }

  @Mutation(() => Ticket)
  @RequirePermissions('grm.manage')
  transitionTicket(@Args('input') input: TransitionTicketInput): Promise<Ticket> {
    return this.service.transition(input);
  }

  @Mutation(() => Ticket)
  @RequirePermissions('grm.manage')
  assignTicket(@Args('input') input: AssignTicketInput): Promise<Ticket> {
    return this.service.assign(input);
  }

  @Mutation(() => TicketEvent)
  @RequirePermissions('grm.manage')
  commentTicket(@Args('input') input: CommentTicketInput): Promise<TicketEvent> {
    return this.service.comment(input);
  }

  @Mutation(() => EscalationResult, { description: 'Runs the escalation now (the worker also runs it on a schedule); safe to repeat.' })
  @RequirePermissions('grm.supervise')
  async escalateOverdueTickets(): Promise<EscalationResult> {
    return { escalated: await this.service.escalateOverdue() };
  }

  @ResolveField(() => String, { nullable: true, description: 'Hidden (null) when the reporter asked for it, unless the caller may see sensitive data.' })
  reporterName(@Parent() t: Ticket): string | null {
    return this.identityVisible(t) ? t.reporterName : null;
  }

  @ResolveField(() => String, { nullable: true })
  reporterPhone(@Parent() t: Ticket): string | null {
    return this.identityVisible(t) ? t.reporterPhone : null;
  }

  @ResolveField(() => Category, { nullable: true })
  category(t: Ticket, _args: unknown, ctx: GraphqlContext): Promise<Category | null> {
    // one statement for the categories of a whole page (it was one per ticket)
    return ctx.loaders.get<string, Category | null>('grm.categoryById', async (ids) => indexByKeys(ids, await this.categories.findByIds(ids), (c) => c.id)).load(t.categoryId);
  }

  @ResolveField(() => [TicketEvent])
  events(t: Ticket, _args: unknown, ctx: GraphqlContext): Promise<TicketEvent[]> {
    return ctx.loaders.get<string, TicketEvent[]>('grm.eventsByTicket', async (ids) => groupByKeys(ids, await this.service.eventsOf(ids), (e) => e.ticketId)).load(t.id);
  }

  @ResolveField(() => [TicketAttachment], { description: 'Photos and scans attached by staff or by the reporter; download from /api/grm/attachments/{id}.' })
  attachments(t: Ticket, _args: unknown, ctx: GraphqlContext): Promise<TicketAttachment[]> {
    return ctx.loaders.get<string, TicketAttachment[]>('grm.attachmentsByTicket', async (ids) => {
      const byTicket = await this.attachmentService.ofTickets(ids);
      return ids.map((id) => (byTicket.get(id) ?? []) as TicketAttachment[]);
    }).load(t.id);
  }

  private identityVisible(t: Ticket): boolean {
    if (!t.hideIdentity) return true;
    const actor = RequestContext.actor();
    return !!actor && (actor.permissions.has('*') || actor.permissions.has('grm.identity.view'));
  }
}
