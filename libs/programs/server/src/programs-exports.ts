import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exportPageOf, ExportRegistry, localized } from '@coremis/core';
import { IsUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { BeneficiaryService } from './beneficiary.service';
import { BeneficiaryFilter } from './dto/beneficiary.inputs';
import type { Beneficiary } from './entities/beneficiary.entity';

/** The beneficiary list's filter, with the programme it belongs to (the export's filter is one object). */
export class BeneficiaryExportFilter extends BeneficiaryFilter {
  @IsUUID()
  programId: string;
}

interface Row {
  b: Beneficiary;
  code: string | null;
  name: string | null;
  areaCode: string | null;
  areaName: { en: string; fr: string | null; pt: string | null } | null;
}

/**
 * The programmes' exportable list: a programme's beneficiaries, each batch from `BeneficiaryService.list` (the
 * page's own scoped, keyset-ordered query, so the export shows exactly what the user may see), then the batch's
 * household codes, person names and areas in one query.
 */
@Injectable()
export class ProgramsExports implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly beneficiaries: BeneficiaryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register<BeneficiaryExportFilter, Row>({
      name: 'programs.beneficiaries',
      permission: 'programs.view',
      filterType: BeneficiaryExportFilter,
      columns: [
        { key: 'code', header: 'programs.exports.code', value: (r) => r.code },
        { key: 'name', header: 'programs.exports.name', value: (r) => r.name },
        { key: 'areaCode', header: 'programs.exports.areaCode', value: (r) => r.areaCode },
        { key: 'areaName', header: 'programs.exports.areaName', value: (r, lang) => (r.areaName ? localized(r.areaName, lang) : null) },
        { key: 'status', header: 'programs.exports.status', value: (r) => r.b.status },
        { key: 'statusSince', header: 'programs.exports.statusSince', value: (r) => r.b.statusSince.toISOString().slice(0, 10) },
        { key: 'enrolledOn', header: 'programs.exports.enrolledOn', value: (r) => r.b.enrolledOn },
        { key: 'score', header: 'programs.exports.score', value: (r) => r.b.score },
      ],
      fetch: async (filter, page) => {
        const { programId, ...rest } = filter;
        const result = exportPageOf(await this.beneficiaries.list({ programId, filter: rest, first: page.first, after: page.after ?? undefined }));
        const details = (await this.dataSource.query(
          `SELECT b.id, coalesce(h.code, ih.code) AS code,
                  (SELECT i.given_name || ' ' || i.family_name FROM registry.individual i
                    WHERE i.id = b.individual_id OR (b.individual_id IS NULL AND i.household_id = b.household_id AND i.relationship = 'HEAD' AND i.status = 'ACTIVE') LIMIT 1) AS name,
                  a.code AS area_code, a.name_en, a.name_fr, a.name_pt
             FROM programs.beneficiary b
             LEFT JOIN registry.household h ON h.id = b.household_id
             LEFT JOIN registry.individual ind ON ind.id = b.individual_id
             LEFT JOIN registry.household ih ON ih.id = ind.household_id
             LEFT JOIN geo.admin_area a ON a.id = b.area_id
            WHERE b.id = ANY($1::uuid[])`,
          [result.rows.map((b) => b.id)],
        )) as { id: string; code: string | null; name: string | null; area_code: string | null; name_en: string | null; name_fr: string | null; name_pt: string | null }[];
        const byId = new Map(details.map((d) => [d.id, d]));
        return {
          rows: result.rows.map((b) => {
            const d = byId.get(b.id);
            return { b, code: d?.code ?? null, name: d?.name ?? null, areaCode: d?.area_code ?? null, areaName: d?.name_en ? { en: d.name_en, fr: d.name_fr, pt: d.name_pt } : null };
          }),
          endCursor: result.endCursor,
          hasNextPage: result.hasNextPage,
          get totalCount() {
            return result.totalCount;
          },
        };
      },
    });
  }
}
