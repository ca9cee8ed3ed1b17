import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { LineStatus } from '../payment-vocabulary';

/** A payroll line of a household, with its payroll and cycle, for the household page's Payments tab. */
@ObjectType()
export class HouseholdPayment {
  @Field(() => ID)
  lineId: string;

  @Field(() => ID)
  payrollId: string;

  @Field()
  payrollCode: string;

  @Field()
  payrollStatus: string;

  @Field()
  cycleName: string;

  @Field()
  period: string;

  @Field()
  currency: string;

  @Field({ description: 'Minor units (integer, as text: exact).' })
  amountMinor: string;

  @Field(() => LineStatus)
  status: LineStatus;

  @Field(() => String, { nullable: true })
  recipientName: string | null;

  @Field(() => String, { nullable: true })
  receipt: string | null;

  @Field(() => Int)
  attempt: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  settledAt: Date | null;
}
