import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { RegistryModule, RegistryWorkerModule } from '@coremis/registry';
import { TicketAttachmentController } from './attachments/ticket-attachment.controller';
import { TicketAttachmentService } from './attachments/ticket-attachment.service';
import { BulkUpdateController } from './bulk/bulk-update.controller';
import { BulkUpdateProcessor } from './bulk/bulk-update.processor';
import { BulkUpdateResolver } from './bulk/bulk-update.resolver';
import { BulkUpdateService } from './bulk/bulk-update.service';
import { DataChangeResolver } from './changes/data-change.resolver';
import { DataChangeService } from './changes/data-change.service';
import { CategoryResolver } from './category.resolver';
import { CategoryService } from './category.service';
import { EscalationProcessor } from './escalation.processor';
import { GrmExports } from './grm-exports';
import { PublicComplaintResolver } from './public-complaint.resolver';
import { TicketResolver } from './ticket.resolver';
import { TicketService } from './ticket.service';

const SERVICES = [TicketService, CategoryService, GrmExports];

@Module({
  // data-change requests are applied through the registry's services
  imports: [GeoModule, RegistryModule],
  controllers: [TicketAttachmentController, BulkUpdateController],
  providers: [...SERVICES, DataChangeService, TicketAttachmentService, TicketResolver, CategoryResolver, PublicComplaintResolver, DataChangeResolver, BulkUpdateService, BulkUpdateResolver, BulkUpdateProcessor],
  exports: SERVICES,
})
export class GrmModule {}

/** The worker's part: the scheduled escalation run, the tickets export and the bulk updates' check jobs. */
@Module({
  imports: [GeoModule, RegistryWorkerModule],
  providers: [...SERVICES, EscalationProcessor, BulkUpdateService, BulkUpdateProcessor],
  exports: SERVICES,
})
export class GrmWorkerModule {}
