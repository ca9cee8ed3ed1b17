import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { invalidField } from '@coremis/core';
import { ProgramService } from '@coremis/programs';
import type { DataSource } from 'typeorm';
import { AreaCoefficientSet } from '../entities/area-coefficient.entity';
import type { SetAreaCoefficientsInput } from './area-coefficient.inputs';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;
const MAX_NAMES = 50;

/** Per-area coefficient sets of a programme (audited rows), read by the formulas as `coef.<name>`. */
@Injectable()
export class AreaCoefficientService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramService,
    private readonly areas: AdminAreaService,
  ) {}

  async list(programId: string): Promise<AreaCoefficientSet[]> {
    if (!(await this.programs.findById(programId))) return [];
    return this.dataSource.manager.find(AreaCoefficientSet, { where: { programId }, order: { areaPath: 'ASC' } });
  }

  /** Sets (or, with no names, removes) the coefficients of one area; a removed set returns null. */
  async set(input: SetAreaCoefficientsInput): Promise<AreaCoefficientSet | null> {
    const entries = Object.entries(input.coefficients);
    if (entries.length > MAX_NAMES) throw invalidField('coefficients', 'targeting.errors.tooManyCoefficients', { max: MAX_NAMES });
    for (const [name, value] of entries) {
      if (!NAME.test(name)) throw invalidField('coefficients', 'targeting.errors.coefficientName', { name: name.slice(0, 60) });
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField('coefficients', 'targeting.errors.coefficientValue', { name });
    }
    return this.dataSource.transaction(async (em) => {
      const program = await this.programs.loadForChange(em, input.programId);
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'programs.errors.areaNotFound');
      if (!program.coveragePaths.some((path) => area.path.startsWith(path))) throw invalidField('areaId', 'targeting.errors.quotaOutsideCoverage', { area: area.code });
      const existing = await em.findOneBy(AreaCoefficientSet, { programId: program.id, areaId: area.id });
      if (!entries.length) {
        if (existing) await em.remove(existing);
        return null;
      }
      const row = existing ?? em.create(AreaCoefficientSet, { programId: program.id, areaId: area.id, areaPath: area.path });
      row.coefficients = Object.fromEntries(entries) as Record<string, number>;
      return em.save(row);
    });
  }
}
