import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '@coremis/core';
import { AssignPaymentPointInput, PaymentPointsArgs, SavePaymentPointInput } from '../dto/payment-point.inputs';
import { PaymentPointConnection } from '../dto/payroll.models';
import { PaymentPoint } from '../entities/payment-point.entity';
import { PaymentPointService } from './payment-point.service';

@Resolver(() => PaymentPoint)
export class PaymentPointResolver {
  constructor(private readonly points: PaymentPointService) {}

  @Query(() => PaymentPointConnection)
  @RequirePermissions('payment.view')
  async paymentPoints(@Args() args: PaymentPointsArgs): Promise<PaymentPointConnection> {
    return (await this.points.list(args)) as PaymentPointConnection;
  }

  @Mutation(() => PaymentPoint)
  @RequirePermissions('payment.points.manage')
  savePaymentPoint(@Args('input') input: SavePaymentPointInput): Promise<PaymentPoint> {
    return this.points.save(input);
  }

  @Mutation(() => Int, { description: 'Assigns beneficiaries to a payment point by hand.' })
  @RequirePermissions('payment.points.manage')
  assignPaymentPoint(@Args('input') input: AssignPaymentPointInput): Promise<number> {
    return this.points.assign(input);
  }
}
