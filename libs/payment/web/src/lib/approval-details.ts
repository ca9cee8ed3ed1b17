import { Injector } from '@angular/core';
import { type ApprovalDetailsResolver, LanguageService } from '@coremis/core-web';
import { TranslateService } from '@ngx-translate/core';
import { PayrollService } from './data/payroll.service';
import { formatMinor } from './ui/payment-format';

/**
 * Names the payrolls that payment requests (approve, pay) refer to, with what a checker decides on: the payroll's
 * code and status, its cycle, how many lines and how much money (lines in the checker's areas).
 */
export const PAYMENT_APPROVAL_DETAILS: ApprovalDetailsResolver = {
  operationPrefix: 'payment.',
  fields: ['payrollId'],
  async resolve(_field: string, ids: readonly string[], injector: Injector): Promise<ReadonlyMap<string, string>> {
    const payrolls = injector.get(PayrollService);
    const translate = injector.get(TranslateService);
    const lang = injector.get(LanguageService).current();
    const named = await Promise.all(
      ids.map(async (id) => {
        const detail = await payrolls.detail(id).catch(() => null);
        if (!detail) return null;
        const cycle = await payrolls.cycle(detail.payroll.cycleId).catch(() => null);
        const lines = detail.summary.byStatus.filter((s) => s.key !== 'CANCELLED').reduce((sum, s) => sum + s.count, 0);
        const text = translate.instant('payroll.approval.detail', {
          code: detail.payroll.code,
          status: translate.instant(`payroll.statuses.${detail.payroll.status}`),
          cycle: cycle?.name ?? '',
          count: lines,
          amount: formatMinor(detail.summary.plannedMinor, cycle?.currency ?? 'USD', lang),
        });
        return [id, text] as const;
      }),
    );
    return new Map(named.filter((entry) => entry !== null));
  },
};
