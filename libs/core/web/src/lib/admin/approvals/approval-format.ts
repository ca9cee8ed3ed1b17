import { TranslateService } from '@ngx-translate/core';
import { ApprovalLevel, PendingOperation } from '../data/approvals.queries';
import { humanize, translateOr } from '../data/readable';

/**
 * "registry.members.setHead" → its name in the interface language: `approvals.operations.<code>`
 * (each module names its operations), else the older `<module>.operations.<rest>`, else the code.
 */
export function operationLabel(translate: TranslateService, operation: string): string {
  const [module, ...rest] = operation.split('.');
  const legacy = rest.length ? translateOr(translate, `${module}.operations.${rest.join('.')}`, operation) : operation;
  return translateOr(translate, `approvals.operations.${operation}`, legacy);
}

/** Role names when the person may read them, else the role codes made readable. */
export function roleNames(codes: readonly string[], names: ReadonlyMap<string, string>): string {
  return codes.map((code) => names.get(code) ?? humanize(code)).join(', ');
}

/** Who must approve at a level, in a sentence. */
export function levelRule(translate: TranslateService, level: ApprovalLevel, names: ReadonlyMap<string, string>): string {
  const roles = roleNames(level.roles, names);
  switch (level.policy) {
    case 'ALL':
      return translate.instant('core.admin.approvals.ruleAll', { roles });
    case 'N':
      return translate.instant('core.admin.approvals.ruleN', { roles, count: level.required ?? 1 });
    default:
      return translate.instant('core.admin.approvals.ruleAny', { roles });
  }
}

/** Mutations take their arguments as one `input` object: its fields are what the request is about. */
export function unwrapPayload(payload: Readonly<Record<string, unknown>> | null): unknown {
  const value = payload ?? {};
  const keys = Object.keys(value);
  const inner = keys.length === 1 ? value[keys[0]] : null;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : value;
}

/**
 * One line about the request. The server's summary, unless it is its default (the operation code
 * followed by the raw arguments): then the code and name found in the arguments.
 */
export function requestSummary(operation: PendingOperation): string {
  if (!operation.summary.startsWith(`${operation.operation} `)) return operation.summary;
  const args = unwrapPayload(operation.payload) as Record<string, unknown>;
  const pick = (...names: string[]) => names.map((name) => args[name]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [pick('code', 'username'), pick('name', 'nameEn', 'displayName', 'fileName')].filter(Boolean).join(' · ');
}
