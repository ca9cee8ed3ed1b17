import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { Formula } from '../entities/formula.entity';

@ObjectType()
export class FormulaConnection extends Connection(Formula) {}
