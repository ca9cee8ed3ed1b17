import { Injectable, type OnModuleInit } from '@nestjs/common';
import { exportPageOf, ExportRegistry } from '@coremis/core';
import { TicketFilter } from './dto/ticket.inputs';
import type { Ticket } from './entities/ticket.entity';
import { TicketService } from './ticket.service';

/** The tickets list, exported through the same scoped query as the page (area scope, sensitive rule). */
@Injectable()
export class GrmExports implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly tickets: TicketService,
  ) {}

  onModuleInit(): void {
    this.registry.register<TicketFilter, Ticket>({
      name: 'grm.tickets',
      permission: 'grm.view',
      filterType: TicketFilter,
      columns: [
        { key: 'reference', header: 'grm.exports.reference', value: (r) => r.reference },
        { key: 'receivedAt', header: 'grm.exports.receivedAt', value: (r) => r.createdAt },
        { key: 'channel', header: 'grm.exports.channel', value: (r) => r.channel },
        { key: 'status', header: 'grm.exports.status', value: (r) => r.status },
        { key: 'priority', header: 'grm.exports.priority', value: (r) => r.priority },
        { key: 'dueAt', header: 'grm.exports.dueAt', value: (r) => r.dueAt },
        { key: 'escalatedAt', header: 'grm.exports.escalatedAt', value: (r) => r.escalatedAt },
        { key: 'description', header: 'grm.exports.description', value: (r) => r.description },
      ],
      fetch: async (filter, page) => exportPageOf(await this.tickets.list({ filter, first: page.first, after: page.after ?? undefined })),
    });
  }
}
