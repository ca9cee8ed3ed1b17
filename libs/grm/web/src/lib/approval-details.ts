import { Injector } from '@angular/core';
import type { ApprovalDetailsResolver } from '@coremis/core-web';
import { TranslateService } from '@ngx-translate/core';
import { DataChangeService } from './data/data-change.service';
import { displayValue, fieldLabelKey } from './changes/data-change-format';

/** Shows checkers what a data-change request changes: the record, then each field's old → new value. */
export const GRM_APPROVAL_DETAILS: ApprovalDetailsResolver = {
  operationPrefix: 'grm.',
  fields: ['id'],
  async resolve(_field: string, ids: readonly string[], injector: Injector): Promise<ReadonlyMap<string, string>> {
    const service = injector.get(DataChangeService);
    const translate = injector.get(TranslateService);
    const empty = translate.instant('grm.changes.detail.empty');
    const found = await Promise.all(ids.map((id) => service.get(id).catch(() => null)));
    return new Map(
      found
        .filter((r) => r !== null)
        .map((r) => [r.id, `${r.recordLabel}: ${r.changes.map((c) => `${translate.instant(fieldLabelKey(c.field))} ${displayValue(c.oldValue) ?? empty} → ${displayValue(c.newValue) ?? empty}`).join('; ')}`]),
    );
  },
};
