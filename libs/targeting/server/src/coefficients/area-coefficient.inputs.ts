import { Field, ID, InputType } from '@nestjs/graphql';
import { GraphQLJSON } from '@coremis/core';
import { IsObject, IsUUID } from 'class-validator';

@InputType()
export class SetAreaCoefficientsInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field(() => GraphQLJSON, { description: 'Name → finite number (names: a letter or _ then letters, digits, _; at most 50). An empty object removes the set.' })
  @IsObject()
  coefficients: Record<string, unknown>;
}
