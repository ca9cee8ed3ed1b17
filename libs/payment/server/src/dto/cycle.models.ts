import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Cycle } from '../entities/cycle.entity';

@ObjectType()
export class CycleConnection extends Connection(Cycle) {}
