import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyAreaScope, AuditService, conflict, invalidField, notFound, RequestContext } from '@coremis/core';
import { type DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { DuplicateCandidate, DuplicateStatus } from '../entities/duplicate-candidate.entity';
import { IndividualDocument } from '../entities/individual-document.entity';
import { Individual } from '../entities/individual.entity';
import { Membership } from '../entities/membership.entity';
import { StoredFile } from '../entities/stored-file.entity';
import { HouseholdService } from '../household.service';
import { IndividualService } from '../individual.service';
import { IndividualStatus, Relationship } from '../registry-vocabulary';

export type DuplicateDecision = DuplicateStatus.DUPLICATE | DuplicateStatus.NOT_DUPLICATE | DuplicateStatus.POSTPONED;

/** Fields the survivor takes from the merged record when, and only when, its own is empty. */
const FILLABLE_FIELDS = ['otherNames', 'maritalStatus', 'disability', 'education', 'occupation', 'photoFileId'] as const;

/** What a merge did, for the MERGE audit entry. */
export interface MergeOutcome {
  copiedFields: string[];
  movedDocuments: number;
  movedFiles: number;
  repointedCandidates: number;
  droppedCandidates: number;
}

/**
 * Reviewers' decisions on candidate pairs. A DUPLICATE decision merges the pair into the survivor:
 *
 * - the survivor keeps every value it has; a field it lacks is filled from the other record
 *   (never overwriting a non-empty value); phones are united; documents and stored files move to it;
 * - the other record stays, with all its values, as MERGED with `mergedIntoId` = the survivor;
 * - if the merged record was a household member its membership period ends (reason MERGED); a
 *   survivor without a household takes its place (relationship and recipient role), while a head
 *   whose survivor lives elsewhere is refused: the head must be changed first;
 * - every write goes through the ORM on audited entities (a before/after per field), plus one MERGE
 *   entry on the survivor with a full snapshot of the merged record;
 * - the merged record's other open candidates (PENDING, POSTPONED) are re-pointed to the survivor,
 *   keeping their score and status, or removed (audited) when the survivor already has a pair with
 *   that person, whose state, a NOT_DUPLICATE decision included, then stands.
 */
@Injectable()
export class DuplicateMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly individuals: IndividualService,
    private readonly households: HouseholdService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Candidates in the caller's scope: the pair's area and the current area of both people (either may
   * have moved since the pair was found; a pair with one side outside the caller's areas is not theirs).
   */
  scoped(em: EntityManager = this.dataSource.manager) {
    const query = em.getRepository(DuplicateCandidate).createQueryBuilder('c');
    applyAreaScope(query, 'c.area_path');
    if (RequestContext.actor()?.areaPaths) {
      applyAreaScope(query, '(SELECT ia.area_path FROM registry.individual ia WHERE ia.id = c.individual_a_id)');
      applyAreaScope(query, '(SELECT ib.area_path FROM registry.individual ib WHERE ib.id = c.individual_b_id)');
    }
    return query;
  }

  async decide(candidateId: string, decision: DuplicateDecision, survivorId?: string | null, version?: number): Promise<DuplicateCandidate> {
    return this.dataSource.transaction(async (em) => {
      const candidate = await this.scoped(em).andWhere('c.id = :candidateId', { candidateId }).setLock('pessimistic_write').getOne();
      if (!candidate) throw notFound('registry.duplicates.candidateNotFound');
      if (version !== undefined && version !== null && candidate.version !== version) throw conflict('core.errors.staleVersion');
      if (candidate.status === DuplicateStatus.DUPLICATE || candidate.status === DuplicateStatus.NOT_DUPLICATE) {
        throw conflict('registry.duplicates.alreadyDecided');
      }
      if (survivorId && survivorId !== candidate.individualAId && survivorId !== candidate.individualBId) throw invalidField('survivorId', 'registry.duplicates.survivorNotInPair');
      // both people, locked in id order (a < b), must be visible to the caller and not merged away
      const a = await this.individuals.findById(candidate.individualAId, em, true);
      const b = await this.individuals.findById(candidate.individualBId, em, true);
      if (!a || !b) throw notFound('registry.errors.individualNotFound');
      if (a.status === IndividualStatus.MERGED || b.status === IndividualStatus.MERGED) throw conflict('registry.duplicates.individualMerged');
      if (decision === DuplicateStatus.DUPLICATE) {
        const [survivor, merged] = survivorId === b.id ? [b, a] : [a, b];
        await this.merge(em, candidate, survivor, merged);
      }
      candidate.status = decision;
      candidate.decidedBy = RequestContext.actor()?.userId ?? null;
      candidate.decidedAt = new Date();
      return em.save(candidate);
    });
  }

  private async merge(em: EntityManager, candidate: DuplicateCandidate, survivor: Individual, merged: Individual): Promise<void> {
    const documents = await em.find(IndividualDocument, { where: { individualId: merged.id }, order: { type: 'ASC', number: 'ASC' } });
    // open and ended periods, each by its partial index (see PERSON_PERIODS)
    const periods = await em.find(Membership, { where: [{ individualId: merged.id, endedAt: IsNull() }, { individualId: merged.id, endedAt: Not(IsNull()) }], order: { startedAt: 'ASC' } });
    const mergedValues = { ...snapshot(merged), documents: documents.map((d) => ({ type: d.type, number: d.number })), memberships: periods.map(snapshot) };
    const outcome: MergeOutcome = { copiedFields: [], movedDocuments: 0, movedFiles: 0, repointedCandidates: 0, droppedCandidates: 0 };

    for (const field of FILLABLE_FIELDS) {
      if (isEmpty(survivor[field]) && !isEmpty(merged[field])) {
        (survivor as unknown as Record<string, unknown>)[field] = merged[field];
        outcome.copiedFields.push(field);
      }
    }
    if (!survivor.birthDate && merged.birthDate) {
      survivor.birthDate = merged.birthDate;
      survivor.birthDateEstimated = merged.birthDateEstimated;
      outcome.copiedFields.push('birthDate');
    }
    const phones = [...survivor.phones, ...merged.phones.filter((p) => !survivor.phones.includes(p))];
    if (phones.length > survivor.phones.length) {
      survivor.phones = phones;
      outcome.copiedFields.push('phones');
    }
    const extra = { ...survivor.extra };
    for (const [key, value] of Object.entries(merged.extra ?? {})) {
      if (isEmpty(extra[key]) && !isEmpty(value)) {
        extra[key] = value;
        outcome.copiedFields.push(`extra.${key}`);
      }
    }
    survivor.extra = extra;

    merged.status = IndividualStatus.MERGED;
    merged.mergedIntoId = survivor.id;
    await this.mergeMembership(em, survivor, merged, outcome);
    await em.save(merged);
    await em.save(survivor);

    for (const document of documents) {
      document.individualId = survivor.id;
      await em.save(document);
      outcome.movedDocuments++;
    }
    const files = await em.findBy(StoredFile, { individualId: merged.id });
    for (const file of files) {
      file.individualId = survivor.id;
      await em.save(file);
      outcome.movedFiles++;
    }
    await this.repointCandidates(em, candidate, survivor, merged, outcome);

    await this.audit.record(em, {
      action: 'MERGE',
      entityType: 'Individual',
      entityId: survivor.id,
      details: {
        mergedId: merged.id,
        candidateId: candidate.id,
        score: candidate.score,
        matched: candidate.matched,
        copiedFields: outcome.copiedFields,
        movedDocuments: outcome.movedDocuments,
        movedFiles: outcome.movedFiles,
        repointedCandidates: outcome.repointedCandidates,
        droppedCandidates: outcome.droppedCandidates,
        mergedValues,
      },
    });
  }

  /** Ends the merged record's membership; a survivor without a household takes its place. */
  private async mergeMembership(em: EntityManager, survivor: Individual, merged: Individual, outcome: MergeOutcome): Promise<void> {
    if (!merged.householdId) return;
    const household = await this.households.loadForChange(em, merged.householdId);
    const takesPlace = !survivor.householdId;
    if (!takesPlace && merged.relationship === Relationship.HEAD) throw conflict('registry.duplicates.mergedIsHead');
    const relationship = merged.relationship!;
    const role = merged.recipientRole;
    await this.closePeriod(em, merged.id, 'MERGED');
    merged.householdId = null;
    merged.relationship = null;
    merged.recipientRole = null;
    // the merged record leaves first, so that the household never has two heads or two holders of a role
    await em.save(merged);
    if (takesPlace) {
      survivor.householdId = household.id;
      survivor.relationship = relationship;
      survivor.recipientRole = role;
      survivor.areaPath = household.areaPath;
      await em.save(survivor);
      await this.openPeriod(em, survivor);
      outcome.copiedFields.push('household');
    } else if (survivor.householdId === household.id && role && !survivor.recipientRole) {
      await this.closePeriod(em, survivor.id, 'RECIPIENT_CHANGED');
      survivor.recipientRole = role;
      await em.save(survivor);
      await this.openPeriod(em, survivor);
      outcome.copiedFields.push('recipientRole');
    }
    // a roster change is a change of the household: its version moves so that stale screens notice
    await em.query('UPDATE registry.household SET version = version + 1, updated_at = now() WHERE id = $1', [household.id]);
  }

  private async repointCandidates(em: EntityManager, decided: DuplicateCandidate, survivor: Individual, merged: Individual, outcome: MergeOutcome): Promise<void> {
    const open = await em
      .getRepository(DuplicateCandidate)
      .createQueryBuilder('c')
      .where('(c.individual_a_id = :merged OR c.individual_b_id = :merged)', { merged: merged.id })
      .andWhere('c.id <> :decided', { decided: decided.id })
      .andWhere('c.status IN (:...open)', { open: [DuplicateStatus.PENDING, DuplicateStatus.POSTPONED] })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    for (const other of open) {
      const person = other.individualAId === merged.id ? other.individualBId : other.individualAId;
      const [a, b] = [survivor.id, person].sort();
      const existing = person === survivor.id ? other : await em.findOneBy(DuplicateCandidate, { individualAId: a, individualBId: b });
      if (existing) {
        await em.remove(other);
        outcome.droppedCandidates++;
        continue;
      }
      const [row] = (await em.query('SELECT area_path FROM registry.individual WHERE id = $1', [a])) as { area_path: string | null }[];
      other.individualAId = a;
      other.individualBId = b;
      other.areaPath = row?.area_path ?? '';
      await em.save(other);
      outcome.repointedCandidates++;
    }
  }

  private async openPeriod(em: EntityManager, individual: Individual): Promise<void> {
    await em.save(
      em.create(Membership, { householdId: individual.householdId!, individualId: individual.id, relationship: individual.relationship!, recipientRole: individual.recipientRole, startedAt: new Date(), endedAt: null, endReason: null }),
    );
  }

  private async closePeriod(em: EntityManager, individualId: string, reason: string): Promise<void> {
    const open = await em.findOneBy(Membership, { individualId, endedAt: IsNull() });
    if (!open) return;
    open.endedAt = new Date();
    open.endReason = reason;
    await em.save(open);
  }
}

/** The stored values of an entity, as plain JSON-able data. */
function snapshot(entity: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([, v]) => typeof v !== 'function'));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length === 0;
  return false;
}
