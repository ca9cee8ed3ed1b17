import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { GoodsDistribution, GoodsEntitlement, GoodsItem } from './goods.entities';

@ObjectType()
export class GoodsItemConnection extends Connection(GoodsItem) {}

@ObjectType()
export class GoodsDistributionConnection extends Connection(GoodsDistribution) {}

@ObjectType()
export class GoodsEntitlementConnection extends Connection(GoodsEntitlement) {}

@ObjectType()
export class GoodsStockLine {
  @Field(() => ID)
  paymentPointId: string;

  @Field(() => ID)
  itemId: string;

  @Field()
  itemCode: string;

  @Field()
  unit: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => Int, { description: 'Quantity still to deliver from this point (entitlements in distribution).' })
  committed: number;
}

@ObjectType()
export class GoodsStockMovement {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  itemId: string;

  @Field()
  kind: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => Int)
  balance: number;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType()
export class GoodsStockMovementPage {
  @Field(() => [GoodsStockMovement])
  items: GoodsStockMovement[];

  @Field(() => String, { nullable: true })
  nextCursor: string | null;
}

@ObjectType()
export class GoodsDeliveryOutcome {
  @Field(() => ID)
  clientId: string;

  @Field({ description: 'ACCEPTED, DUPLICATE (already recorded with this id) or CONFLICT.' })
  status: string;

  @Field(() => String, { nullable: true, description: 'ALREADY_PAID, CANCELLED, NOT_ASSIGNED, NOT_PAYABLE, OUT_OF_STOCK, AMOUNT_MISMATCH, CLIENT_ID_REUSED, INVALID_PHOTO, DELIVERED_IN_FUTURE, DELIVERED_BEFORE_SUBMISSION' })
  code: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;
}

@ObjectType()
export class GoodsReconciliationRow {
  @Field({ description: 'Area code or payment point code.' })
  key: string;

  @Field(() => Int)
  plannedCount: number;

  @Field(() => Int)
  plannedQuantity: number;

  @Field()
  plannedValueMinor: string;

  @Field(() => Int)
  deliveredCount: number;

  @Field(() => Int)
  deliveredQuantity: number;

  @Field()
  deliveredValueMinor: string;
}

@ObjectType()
export class GoodsReconciliationReport {
  @Field(() => [GoodsReconciliationRow])
  byArea: GoodsReconciliationRow[];

  @Field(() => [GoodsReconciliationRow])
  byPaymentPoint: GoodsReconciliationRow[];
}
