import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { BenefitRuleSet } from '../entities/benefit-rule-set.entity';
import { Cycle } from '../entities/cycle.entity';
import { Payroll } from '../entities/payroll.entity';
import { PayrollLine } from '../entities/payroll-line.entity';
import { PaymentPoint } from '../entities/payment-point.entity';

@ObjectType()
export class PayrollConnection extends Connection(Payroll) {}

@ObjectType()
export class PayrollLineConnection extends Connection(PayrollLine) {}

@ObjectType()
export class PaymentPointConnection extends Connection(PaymentPoint) {}

@ObjectType()
export class BenefitRuleSetList {
  @Field(() => [BenefitRuleSet])
  items: BenefitRuleSet[];
}

@ObjectType({ description: 'Counts and amounts (minor units, exact) of one group of lines.' })
export class PayrollTotal {
  @Field()
  key: string;

  @Field(() => Int)
  count: number;

  @Field()
  amountMinor: string;
}

@ObjectType()
export class PayrollSummary {
  @Field(() => [PayrollTotal], { description: 'Per line status.' })
  byStatus: PayrollTotal[];

  @Field({ description: 'Planned: every line not cancelled.' })
  plannedMinor: string;

  @Field()
  paidMinor: string;

  @Field()
  failedMinor: string;
}

@ObjectType()
export class ReconciliationRow {
  @Field({ description: 'Area code or payment point code.' })
  key: string;

  @Field(() => Int)
  plannedCount: number;

  @Field()
  plannedMinor: string;

  @Field(() => Int)
  paidCount: number;

  @Field()
  paidMinor: string;

  @Field(() => Int)
  failedCount: number;

  @Field()
  failedMinor: string;
}

@ObjectType()
export class ReconciliationReport {
  @Field(() => [ReconciliationRow])
  byArea: ReconciliationRow[];

  @Field(() => [ReconciliationRow])
  byPaymentPoint: ReconciliationRow[];
}

export { Cycle };
