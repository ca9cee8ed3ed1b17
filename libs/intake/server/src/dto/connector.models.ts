import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Connector } from '../entities/connector.entity';

@ObjectType()
export class ConnectorConnection extends Connection(Connector) {}
