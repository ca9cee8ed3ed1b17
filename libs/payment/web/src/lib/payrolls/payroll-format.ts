import type { TranslateService } from '@ngx-translate/core';

/** How a payroll status shows as a pill. */
export function statusTone(status: string): 'good' | 'warn' | 'bad' | 'neutral' | '' {
  if (status === 'PAID' || status === 'RECONCILED' || status === 'APPROVED') return 'good';
  if (status === 'FLAGGED' || status === 'PENDING_APPROVAL' || status === 'SUBMITTED' || status === 'IN_PAYMENT') return 'warn';
  if (status === 'FAILED' || status === 'REJECTED') return 'bad';
  if (status === 'CANCELLED') return 'neutral';
  return '';
}

/** An amount component's code as people read it: `BASE:PER_MEMBER`, `TOPUP:<label>`, `MAX_PER_TRANSACTION`, `ROUNDING`. */
export function componentLabel(translate: TranslateService, code: string): string {
  const [kind, rest] = code.includes(':') ? [code.slice(0, code.indexOf(':')), code.slice(code.indexOf(':') + 1)] : [code, ''];
  if (kind === 'BASE') return translate.instant('payroll.components.base', { base: translate.instant(`payroll.bases.${rest}`) });
  if (kind === 'TOPUP') return translate.instant('payroll.components.topUp', { label: rest });
  if (kind === 'MAX_PER_TRANSACTION' || kind === 'ROUNDING') return translate.instant(`payroll.components.${kind}`);
  return code;
}
