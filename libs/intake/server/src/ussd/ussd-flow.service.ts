import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { applyAreaScope, invalidField, notFound } from '@coremis/core';
import type { DataSource } from 'typeorm';
import type { SaveUssdFlowInput } from '../dto/ussd-flow.inputs';
import { UssdFlow } from '../entities/ussd.entities';

/** The USSD menus of programmes, each rooted in an area of the caller's. */
@Injectable()
export class UssdFlowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
  ) {}

  list(): Promise<UssdFlow[]> {
    return applyAreaScope(this.dataSource.getRepository(UssdFlow).createQueryBuilder('f'), 'f.area_path').orderBy('f.program_code').getMany();
  }

  /** Creates the flow of a programme code, or replaces it (when it is in the caller's areas). */
  async save(input: SaveUssdFlowInput): Promise<UssdFlow> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.areas.findById(input.rootAreaId, em);
      if (!area) throw invalidField('rootAreaId', 'intake.errors.areaNotFound');
      input.questions.forEach((q, i) => {
        if (q.type === 'CHOICE' && !q.choices?.length) throw invalidField(`questions.${i}.choices`, 'intake.errors.choicesRequired');
      });
      if (new Set(input.questions.map((q) => q.key)).size !== input.questions.length) throw invalidField('questions', 'intake.errors.duplicateQuestion');
      const existing = await em.findOneBy(UssdFlow, { programCode: input.programCode });
      const visible = existing && (await applyAreaScope(em.getRepository(UssdFlow).createQueryBuilder('f'), 'f.area_path').andWhere('f.id = :id', { id: existing.id }).getOne());
      if (existing && !visible) throw notFound('intake.errors.notFound');
      const flow = existing ?? em.create(UssdFlow, { programCode: input.programCode });
      flow.title = { en: input.title.en.trim(), ...(input.title.fr ? { fr: input.title.fr.trim() } : {}), ...(input.title.pt ? { pt: input.title.pt.trim() } : {}) };
      flow.rootAreaId = area.id;
      flow.areaPath = area.path;
      flow.questions = input.questions.map((q) => ({ key: q.key, label: { ...q.label }, type: q.type, ...(q.type === 'CHOICE' ? { choices: (q.choices ?? []).map((c) => ({ code: c.code, label: { ...c.label } })) } : {}) }));
      flow.active = input.active;
      return em.save(flow);
    });
  }
}
