import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { TicketResolver } from './ticket.resolver';
import { TicketService } from './ticket.service';

@Module({
  imports: [GeoModule],
  providers: [TicketService, TicketResolver],
  exports: [TicketService],
})
export class GrmModule {}
