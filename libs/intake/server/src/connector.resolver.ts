import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Job, RequirePermissions, UuidPipe } from '@coremis/core';
import { ConnectorsArgs, CreateConnectorInput, PreviewMappingInput, SaveMappingInput, UpdateConnectorInput } from './dto/connector.inputs';
import { ConnectorConnection, MappingPreview } from './dto/connector.models';
import { Connector } from './entities/connector.entity';
import { ConnectorService } from './connector.service';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Connector)
export class ConnectorResolver {
  constructor(private readonly service: ConnectorService) {}

  @Query(() => ConnectorConnection)
  @RequirePermissions('intake.view')
  async intakeConnectors(@Args() args: ConnectorsArgs): Promise<ConnectorConnection> {
    return (await this.service.list(args)) as ConnectorConnection;
  }

  @Query(() => Connector, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('intake.view')
  intakeConnector(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Connector | null> {
    return this.service.findById(id);
  }

  @Query(() => MappingPreview, { description: 'A draft mapping applied to the latest submissions on the server, with the checks they fail.' })
  @RequirePermissions('intake.manage')
  previewIntakeMapping(@Args('input') input: PreviewMappingInput): Promise<MappingPreview> {
    return this.service.preview(input);
  }

  @Mutation(() => Connector)
  @RequirePermissions('intake.manage')
  createIntakeConnector(@Args('input') input: CreateConnectorInput): Promise<Connector> {
    return this.service.create(input);
  }

  @Mutation(() => Connector)
  @RequirePermissions('intake.manage')
  updateIntakeConnector(@Args('input') input: UpdateConnectorInput): Promise<Connector> {
    return this.service.update(input);
  }

  @Mutation(() => Connector)
  @RequirePermissions('intake.manage')
  saveIntakeMapping(@Args('input') input: SaveMappingInput): Promise<Connector> {
    return this.service.saveMapping(input);
  }

  @Mutation(() => Job, { description: 'Queues a pull of new and edited submissions now; follow it with job(id).' })
  @RequirePermissions('intake.manage')
  pullIntakeConnector(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job> {
    return this.service.pull(id);
  }

  @ResolveField(() => Boolean, { description: 'A token or password is stored (it is never returned).' })
  hasSecret(@Parent() connector: Connector): boolean {
    return connector.id !== undefined;
  }
}
