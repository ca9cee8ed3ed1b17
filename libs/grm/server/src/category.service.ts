import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, fastMany, invalidField, notFound } from '@coremis/core';
import { DataSource, QueryFailedError } from 'typeorm';
import type { SaveAssignmentRuleInput, SaveCategoryInput } from './dto/ticket.inputs';
import { AssignmentRule } from './entities/assignment-rule.entity';
import { Category } from './entities/category.entity';

/** Categories (deployment configuration, not area-bound) and assignment rules (area-bound). */
@Injectable()
export class CategoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
  ) {}

  list(): Promise<Category[]> {
    return this.dataSource.getRepository(Category).find({ order: { code: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<Category[]> {
    return ids.length ? fastMany(this.dataSource.getRepository(Category).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids })) : Promise.resolve([]);
  }

  async save(input: SaveCategoryInput): Promise<Category> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(Category);
      const record = input.id ? await repo.findOne({ where: { id: input.id }, lock: { mode: 'pessimistic_write' } }) : repo.create();
      if (!record) throw notFound('grm.errors.categoryNotFound');
      if (input.parentId) {
        const parent = await repo.findOneBy({ id: input.parentId });
        if (!parent) throw invalidField('parentId', 'grm.errors.categoryNotFound');
        // two levels: a category and its sub-categories
        if (parent.parentId || parent.id === record.id) throw invalidField('parentId', 'grm.errors.categoryParentInvalid');
      }
      const supervisorRole = input.supervisorRole?.trim() || null;
      if (supervisorRole && !(await em.query(`SELECT 1 FROM core.role WHERE code = $1`, [supervisorRole])).length) throw invalidField('supervisorRole', 'grm.errors.roleNotFound', { role: supervisorRole });
      Object.assign(record, {
        code: input.code.trim(),
        name: input.name.trim(),
        parentId: input.parentId ?? null,
        sensitive: input.sensitive ?? record.sensitive ?? false,
        resolutionDays: input.resolutionDays ?? record.resolutionDays ?? 14,
        supervisorRole,
      });
      try {
        const saved = await repo.save(record);
        // the sensitive flag is copied on each ticket so that lists filter it with the index, in SQL
        await em.query(
          `UPDATE grm.ticket t SET sensitive = (c.sensitive OR coalesce(p.sensitive, false)), version = t.version + 1, updated_at = now()
             FROM grm.category c LEFT JOIN grm.category p ON p.id = c.parent_id
            WHERE t.category_id = c.id AND (c.id = $1 OR c.parent_id = $1) AND t.sensitive <> (c.sensitive OR coalesce(p.sensitive, false))`,
          [saved.id],
        );
        return saved;
      } catch (error) {
        if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') {
          throw new AppError('CONFLICT', 'grm.errors.duplicateCode', { code: record.code }, [{ field: 'code', key: 'grm.errors.duplicateCode', args: { code: record.code } }]);
        }
        throw error;
      }
    });
  }

  rules(): Promise<AssignmentRule[]> {
    return this.dataSource.getRepository(AssignmentRule).find({ order: { areaPath: 'ASC' } });
  }

  async saveRule(input: SaveAssignmentRuleInput): Promise<AssignmentRule> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'grm.errors.areaNotFound');
      if (!(await em.getRepository(Category).findOneBy({ id: input.categoryId }))) throw invalidField('categoryId', 'grm.errors.categoryNotFound');
      if (!(await em.query(`SELECT 1 FROM core."user" WHERE id = $1`, [input.assigneeId])).length) throw invalidField('assigneeId', 'grm.errors.userNotFound');
      const repo = em.getRepository(AssignmentRule);
      const record = (await repo.findOneBy({ categoryId: input.categoryId, areaId: area.id })) ?? repo.create({ categoryId: input.categoryId, areaId: area.id });
      record.areaPath = area.path;
      record.assigneeId = input.assigneeId;
      return repo.save(record);
    });
  }
}
