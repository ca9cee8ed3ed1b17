import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection';
import { PendingOperation } from '../pending-operation.entity';

@ObjectType()
export class PendingOperationConnection extends Connection(PendingOperation) {}
