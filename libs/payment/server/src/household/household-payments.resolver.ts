import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, RequirePermissions, UuidPipe } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { HouseholdPayment } from './household-payment.models';

/** At most this many lines, newest first: a household has one line per payroll it was in. */
export const HOUSEHOLD_PAYMENTS_LIMIT = 200;

/** The lines whose ids the subquery `ids` gives (on the record id `$1`), in the caller's areas (`$2`), newest first. */
const LINES_SQL = (ids: string) => `
  SELECT l.id AS "lineId", l.payroll_id AS "payrollId", p.code AS "payrollCode", p.status AS "payrollStatus", c.name AS "cycleName",
         l.period, l.currency, l.amount_minor::text AS "amountMinor", l.status, l.recipient_name AS "recipientName", l.receipt,
         l.attempt, l.settled_at AS "settledAt"
    FROM payment.payroll_line l
    JOIN payment.payroll p ON p.id = l.payroll_id
    JOIN payment.cycle c ON c.id = l.cycle_id
   WHERE l.id IN (${ids})
     AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[]))
   ORDER BY l.created_at DESC, l.id
   LIMIT ${HOUSEHOLD_PAYMENTS_LIMIT}`;

/**
 * The Payments tab of the registry's household page: the household's payroll lines and, in per-person programmes (whose
 * lines name a person, not a household), the lines of its current members; in the caller's areas. The person page's tab:
 * the person's lines as a beneficiary, and the household lines they received.
 */
@Resolver(() => HouseholdPayment)
export class HouseholdPaymentsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Query(() => [HouseholdPayment], { description: 'Payroll lines of a household and of its current members in per-person programmes (newest first), within the caller\'s areas.' })
  @RequirePermissions('payment.view')
  async householdPayments(@Args('householdId', { type: () => ID }, UuidPipe) householdId: string): Promise<HouseholdPayment[]> {
    return this.dataSource.query(
      LINES_SQL(`
        SELECT x.id FROM payment.payroll_line x WHERE x.household_id = $1
        UNION ALL
        SELECT x.id FROM registry.individual i JOIN programs.beneficiary b ON b.individual_id = i.id JOIN payment.payroll_line x ON x.beneficiary_id = b.id
         WHERE i.household_id = $1`),
      [householdId, areaScopePatterns()],
    );
  }

  @Query(() => [HouseholdPayment], { description: 'Payroll lines of a person (newest first), within the caller\'s areas: as the beneficiary of a per-person programme, or as the recipient of a household they belonged to.' })
  @RequirePermissions('payment.view')
  async individualPayments(@Args('individualId', { type: () => ID }, UuidPipe) individualId: string): Promise<HouseholdPayment[]> {
    return this.dataSource.query(
      LINES_SQL(`
        SELECT x.id FROM programs.beneficiary b JOIN payment.payroll_line x ON x.beneficiary_id = b.id WHERE b.individual_id = $1
        UNION ALL
        SELECT x.id FROM registry.membership m JOIN payment.payroll_line x ON x.household_id = m.household_id
         -- open and ended periods, each by its partial index
         WHERE ((m.individual_id = $1 AND m.ended_at IS NULL) OR (m.individual_id = $1 AND m.ended_at IS NOT NULL)) AND x.recipient_id = $1`),
      [individualId, areaScopePatterns()],
    );
  }
}
