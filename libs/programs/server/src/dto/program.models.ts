import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Program } from '../entities/program.entity';

@ObjectType()
export class ProgramConnection extends Connection(Program) {}
