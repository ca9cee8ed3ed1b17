import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { DataChangeRequest } from '../entities/data-change-request.entity';

@ObjectType()
export class DataChangeRequestConnection extends Connection(DataChangeRequest) {}

@ObjectType({ description: 'A field a data-change request may set.' })
export class ChangeableFieldModel {
  @Field()
  key: string;

  @Field({ description: 'string, number, integer, date, enum or boolean' })
  type: string;

  @Field(() => [String], { nullable: true })
  options: string[] | null;

  @Field()
  extra: boolean;
}

@ObjectType({ description: 'Where the approval of a data-change request stands.' })
export class DataChangeApproval {
  @Field()
  status: string;

  @Field(() => Int)
  currentLevel: number;

  @Field(() => Int)
  levels: number;

  @Field(() => String, { nullable: true })
  rejectReason: string | null;
}
