import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, RequirePermissions, UuidPipe } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { HouseholdPayment } from './household-payment.models';

/** At most this many lines, newest first: a household has one line per payroll it was in. */
export const HOUSEHOLD_PAYMENTS_LIMIT = 200;

/** The Payments tab of the registry's household page: the household's payroll lines in the caller's areas. */
@Resolver(() => HouseholdPayment)
export class HouseholdPaymentsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Query(() => [HouseholdPayment], { description: 'Payroll lines of a household (newest first) within the caller\'s areas.' })
  @RequirePermissions('payment.view')
  async householdPayments(@Args('householdId', { type: () => ID }, UuidPipe) householdId: string): Promise<HouseholdPayment[]> {
    return this.dataSource.query(
      `SELECT l.id AS "lineId", l.payroll_id AS "payrollId", p.code AS "payrollCode", p.status AS "payrollStatus", c.name AS "cycleName",
              l.period, l.currency, l.amount_minor::text AS "amountMinor", l.status, l.recipient_name AS "recipientName", l.receipt,
              l.attempt, l.settled_at AS "settledAt"
       FROM payment.payroll_line l
       JOIN payment.payroll p ON p.id = l.payroll_id
       JOIN payment.cycle c ON c.id = l.cycle_id
       WHERE l.household_id = $1 AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[]))
       ORDER BY l.created_at DESC, l.id
       LIMIT ${HOUSEHOLD_PAYMENTS_LIMIT}`,
      [householdId, areaScopePatterns()],
    );
  }
}
