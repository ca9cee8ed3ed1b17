import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class PaymentApplyOutcome {
  @Field(() => Int)
  applied: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  exceptions: number;
}
