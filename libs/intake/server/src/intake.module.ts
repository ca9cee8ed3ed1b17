import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { ConnectorResolver } from './connector.resolver';
import { ConnectorService } from './connector.service';

@Module({
  imports: [GeoModule],
  providers: [ConnectorService, ConnectorResolver],
  exports: [ConnectorService],
})
export class IntakeModule {}
