import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import { ConnectorsArgs, CreateConnectorInput, UpdateConnectorInput } from './dto/connector.inputs';
import { ConnectorConnection } from './dto/connector.models';
import { Connector } from './entities/connector.entity';
import { ConnectorService } from './connector.service';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Connector)
export class ConnectorResolver {
  constructor(private readonly service: ConnectorService) {}

  @Query(() => ConnectorConnection)
  @RequirePermissions('intake.view')
  async connectors(@Args() args: ConnectorsArgs): Promise<ConnectorConnection> {
    return (await this.service.list(args)) as ConnectorConnection;
  }

  @Query(() => Connector, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('intake.view')
  connector(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Connector | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Connector)
  @RequirePermissions('intake.manage')
  createConnector(@Args('input') input: CreateConnectorInput): Promise<Connector> {
    return this.service.create(input);
  }

  @Mutation(() => Connector)
  @RequirePermissions('intake.manage')
  updateConnector(@Args('input') input: UpdateConnectorInput): Promise<Connector> {
    return this.service.update(input);
  }
}
