import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { applyAreaScope, AuditService, badInput, type ConnectionShape, invalidField, paginate, RequestContext } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { BeneficiaryService, type StatusChangeResult } from '../beneficiary.service';
import type { DecideExitProposalsInput, ExitProposalsArgs, ProposeExitsInput } from '../dto/beneficiary.inputs';
import { ExitProposal, ExitProposalState } from '../entities/exit-proposal.entity';
import { BeneficiaryStatus, StatusChangeSource, TargetUnit } from '../programs-vocabulary';

export interface ExitReviewResult {
  /** Open proposals after the review (new or refreshed). */
  proposed: number;
}

export interface ExitDecisionResult {
  decided: number;
  statusChanges: StatusChangeResult | null;
}

/**
 * Exit criteria evaluated in bulk (one statement) over the active and suspended beneficiaries in the
 * caller's areas: each beneficiary meeting any criterion gets an open proposal naming the criteria met,
 * which an officer confirms (the beneficiary leaves, through the transition table) or dismisses.
 */
@Injectable()
export class ExitReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiaryService,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
  ) {}

  async propose(input: ProposeExitsInput): Promise<ExitReviewResult> {
    const { noMemberUnderAge, yearsInProgramme, scoreAbove } = input.criteria;
    if ((noMemberUnderAge ?? null) === null && (yearsInProgramme ?? null) === null && (scoreAbove ?? null) === null) {
      throw invalidField('criteria', 'programs.errors.noCriteria');
    }
    return this.dataSource.transaction(async (em) => {
      const program = await this.beneficiaries.programForChange(em, input.programId);
      let areaPath: string | null = null;
      if (input.areaId) {
        const area = await this.areas.findById(input.areaId, em);
        if (!area) throw invalidField('areaId', 'programs.errors.areaNotFound');
        areaPath = area.path;
      }
      const actor = RequestContext.actor();
      // the members whose age counts: a household's current members, or the person of an individual programme
      const members =
        program.targetUnit === TargetUnit.HOUSEHOLD
          ? `SELECT i.birth_date FROM registry.individual i WHERE i.household_id = b.household_id AND i.status = 'ACTIVE'`
          : `SELECT i.birth_date FROM registry.individual i WHERE i.id = b.individual_id`;
      const [row] = (await em.query(
        `WITH candidates AS (
           SELECT b.id, b.area_path, array_remove(ARRAY[
               CASE WHEN $4::int IS NOT NULL AND EXISTS (${members})
                     AND NOT EXISTS (SELECT 1 FROM (${members}) m WHERE m.birth_date IS NULL OR m.birth_date > current_date - make_interval(years => $4::int))
                    THEN 'NO_MEMBER_UNDER_AGE' END,
               CASE WHEN $5::int IS NOT NULL AND b.enrolled_on <= current_date - make_interval(years => $5::int) THEN 'YEARS_IN_PROGRAMME' END,
               CASE WHEN $6::numeric IS NOT NULL AND b.score > $6::numeric THEN 'SCORE_ABOVE' END
             ], NULL) AS met
           FROM programs.beneficiary b
           WHERE b.program_id = $1 AND b.status IN ('ACTIVE', 'SUSPENDED')
             AND ($2::text IS NULL OR starts_with(b.area_path, $2::text))
             AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) u WHERE starts_with(b.area_path, u)))
         ),
         upserted AS (
           INSERT INTO programs.exit_proposal (program_id, beneficiary_id, area_path, criteria_met, state, proposed_by)
           SELECT $1, id, area_path, met, 'PROPOSED', $7::uuid FROM candidates WHERE cardinality(met) > 0
           ON CONFLICT (beneficiary_id) WHERE state = 'PROPOSED'
           DO UPDATE SET criteria_met = EXCLUDED.criteria_met, proposed_by = EXCLUDED.proposed_by, created_at = now()
           RETURNING 1
         )
         SELECT count(*)::int AS proposed FROM upserted`,
        [program.id, areaPath, actor?.areaPaths ?? null, noMemberUnderAge ?? null, yearsInProgramme ?? null, scoreAbove ?? null, actor?.userId ?? null],
      )) as { proposed: number }[];
      await this.audit.record(em, {
        action: 'CREATE',
        entityType: 'ExitProposal',
        details: { operation: 'proposeExits', programId: program.id, areaId: input.areaId ?? null, criteria: { ...input.criteria }, proposed: row.proposed },
      });
      return { proposed: row.proposed };
    });
  }

  async list(args: ExitProposalsArgs): Promise<ConnectionShape<ExitProposal>> {
    const program = await this.beneficiaries.visibleProgram(args.programId);
    const query = applyAreaScope(this.dataSource.getRepository(ExitProposal).createQueryBuilder('e'), 'e.area_path')
      .andWhere('e.program_id = :programId', { programId: program.id })
      .andWhere('e.state = :state', { state: ExitProposalState.PROPOSED });
    return paginate(query, args, []);
  }

  /** Confirms (the beneficiaries leave) or dismisses open proposals in the caller's areas. */
  async decide(input: DecideExitProposalsInput): Promise<ExitDecisionResult> {
    return this.dataSource.transaction(async (em) => {
      const program = await this.beneficiaries.programForChange(em, input.programId);
      const actor = RequestContext.actor();
      const decided = (await em.query(
        `UPDATE programs.exit_proposal e SET state = $3, decided_by = $4::uuid, decided_at = now()
         WHERE e.program_id = $1 AND e.id = ANY($2::uuid[]) AND e.state = 'PROPOSED'
           AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($5::text[]) u WHERE starts_with(e.area_path, u)))
         RETURNING e.beneficiary_id`,
        [program.id, input.proposalIds, input.confirm ? ExitProposalState.CONFIRMED : ExitProposalState.DISMISSED, actor?.userId ?? null, actor?.areaPaths ?? null],
      )) as [{ beneficiary_id: string }[], number];
      const rows = decided[0];
      if (rows.length !== new Set(input.proposalIds).size) throw badInput('programs.errors.proposalsChanged');
      let statusChanges: StatusChangeResult | null = null;
      if (input.confirm) {
        statusChanges = await this.beneficiaries.setStatusesFromSelection(em, {
          programId: program.id,
          selection: `SELECT coalesce(b.household_id, b.individual_id) AS subject_id, $2::text AS to_status, NULL::numeric AS score FROM programs.beneficiary b WHERE b.id = ANY($1::uuid[])`,
          params: [rows.map((r) => r.beneficiary_id), input.toStatus ?? BeneficiaryStatus.EXITED],
          reasonCode: input.reasonCode,
          reasonText: input.reasonText ?? null,
          source: StatusChangeSource.EXIT_REVIEW,
          effectiveDate: input.effectiveDate ?? undefined,
        });
      }
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'ExitProposal',
        details: { operation: input.confirm ? 'confirmExits' : 'dismissExits', programId: program.id, proposals: rows.length },
      });
      return { decided: rows.length, statusChanges };
    });
  }
}
