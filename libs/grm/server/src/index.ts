// Public contract of the grm module: its definition and the services other modules may call.
export { grmDefinition } from './grm.definition';
export { TicketService } from './ticket.service';
export { Ticket, TicketStatus, TicketChannel } from './entities/ticket.entity';
