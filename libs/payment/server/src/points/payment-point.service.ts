import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { areaScopePatterns, AppError, applyAreaScope, AuditService, conflict, invalidField, notFound, paginate, type ConnectionShape } from '@coremis/core';
import { likeContains } from '@coremis/core';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AssignPaymentPointInput, PaymentPointsArgs, SavePaymentPointInput } from '../dto/payment-point.inputs';
import { PaymentPoint } from '../entities/payment-point.entity';

/** Payment points: where cash is handed over. Beneficiaries go to the nearest point up their area tree, or one set by hand. */
@Injectable()
export class PaymentPointService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
  ) {}

  scoped() {
    return applyAreaScope(this.dataSource.getRepository(PaymentPoint).createQueryBuilder('r'), 'r.area_path');
  }

  list(args: PaymentPointsArgs): Promise<ConnectionShape<PaymentPoint>> {
    const query = this.scoped();
    const search = args.search?.trim();
    if (search) query.andWhere('(r.code ILIKE :p OR r.name ILIKE :p)', { p: likeContains(search) });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findByIds(ids: readonly string[]): Promise<PaymentPoint[]> {
    return ids.length ? this.scoped().andWhere('r.id IN (:...ids)', { ids }).getMany() : Promise.resolve([]);
  }

  async save(input: SavePaymentPointInput): Promise<PaymentPoint> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'payment.errors.areaNotFound');
      const staff = [...new Set(input.staffUserIds)];
      if (staff.length) {
        // staff must exist and be allowed in the point's area (a user restricted elsewhere could never serve it)
        const [{ valid }] = (await em.query(
          `SELECT count(*)::int AS valid FROM core."user" u WHERE u.id = ANY($1::uuid[])
             AND (u.area_ids IS NULL OR EXISTS (SELECT 1 FROM geo.admin_area a WHERE a.id = ANY(u.area_ids) AND starts_with($2, a.path)))`,
          [staff, area.path],
        )) as { valid: number }[];
        if (valid !== staff.length) throw invalidField('staffUserIds', 'payment.errors.staffUserInvalid');
      }
      let record: PaymentPoint;
      if (input.id) {
        const found = await applyAreaScope(em.getRepository(PaymentPoint).createQueryBuilder('r'), 'r.area_path').andWhere('r.id = :id', { id: input.id }).setLock('pessimistic_write').getOne();
        if (!found) throw notFound('payment.errors.paymentPointNotFound');
        record = found;
      } else record = em.create(PaymentPoint, { active: true });
      Object.assign(record, {
        code: input.code.trim(),
        name: input.name.trim(),
        type: input.type,
        areaId: area.id,
        areaPath: area.path,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        staffUserIds: staff,
        openingDays: [...new Set(input.openingDays)],
      });
      try {
        return await em.save(record);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') {
          throw new AppError('CONFLICT', 'payment.errors.duplicateCode', { code: record.code }, [{ field: 'code', key: 'payment.errors.duplicateCode', args: { code: record.code } }]);
        }
        throw error;
      }
    });
  }

  /** Assigns beneficiaries (in the caller's areas) to a point by hand; the area rule applies to the others. */
  async assign(input: AssignPaymentPointInput): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [point] = await this.findByIds([input.paymentPointId]);
      if (!point) throw invalidField('paymentPointId', 'payment.errors.paymentPointNotFound');
      const scope = areaScopePatterns();
      const rows = (await em.query(
        `INSERT INTO payment.point_assignment (beneficiary_id, payment_point_id)
         SELECT b.id, $2 FROM programs.beneficiary b WHERE b.id = ANY($1::uuid[]) AND ($3::text[] IS NULL OR b.area_path LIKE ANY($3::text[]))
         ON CONFLICT (beneficiary_id) DO UPDATE SET payment_point_id = EXCLUDED.payment_point_id, created_at = now()
         RETURNING beneficiary_id`,
        [input.beneficiaryIds, point.id, scope],
      )) as unknown[];
      if (rows.length !== new Set(input.beneficiaryIds).size) throw conflict('payment.errors.beneficiaryNotFound');
      await this.audit.record(em, { action: 'UPDATE', entityType: 'PaymentPoint', entityId: point.id, details: { operation: 'assign', beneficiaries: rows.length } });
      return rows.length;
    });
  }
}
