import { Injector } from '@angular/core';
import type { ApprovalDetailsResolver } from '@coremis/core-web';
import { AdminAreaService } from './data/admin-area.service';

/** Names the levels and areas that geography requests (create, change, delete) refer to by id. */
export const GEO_APPROVAL_DETAILS: ApprovalDetailsResolver = {
  operationPrefix: 'geo.',
  fields: ['levelId', 'parentId', 'id'],
  async resolve(field: string, ids: readonly string[], injector: Injector): Promise<ReadonlyMap<string, string>> {
    const areas = injector.get(AdminAreaService);
    if (field === 'levelId') {
      const levels = await areas.levels();
      return new Map(levels.filter((level) => ids.includes(level.id)).map((level) => [level.id, level.name]));
    }
    const found = await Promise.all(ids.map((id) => areas.get(id).catch(() => null)));
    return new Map(found.filter((area) => area !== null).map((area) => [area.id, `${area.name} (${area.code})`]));
  },
};
