import { Injectable } from '@nestjs/common';
import { AppError, applyAreaScope, conflict, invalidField } from '@coremis/core';
import { type EntityManager, In, IsNull, QueryFailedError } from 'typeorm';
import type { DocumentInput, NewMemberInput, PersonFields } from './dto/individual.inputs';
import type { Household } from './entities/household.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
import { ExtraFieldsService } from './extra-fields.service';
import { compactPhone, toE164 } from './phone-number';
import { IndividualStatus, RecipientRole, Relationship } from './registry-vocabulary';

const PERSON_FIELDS = ['otherNames', 'maritalStatus', 'disability', 'education', 'occupation'] as const;

/**
 * The writes that keep a roster consistent: one current household per person, one head per
 * household, at most one primary and one alternate recipient, and a membership period for each
 * change of household, relationship or role. Callers hold the household row lock.
 */
@Injectable()
export class MemberWriter {
  constructor(private readonly extraFields: ExtraFieldsService) {}

  async addNew(em: EntityManager, household: Household, input: NewMemberInput, field = 'member'): Promise<Individual> {
    await this.extraFields.assertValid('INDIVIDUAL', input.extra ?? {}, em, `${field}.extra`);
    if (input.relationship === Relationship.HEAD && (await this.headOf(em, household.id))) throw invalidField(`${field}.relationship`, 'registry.errors.severalHeads');
    const individual = em.create(Individual, {
      externalId: input.externalId?.trim() || null,
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      sex: input.sex,
      ...this.personValues(input),
      ...phoneValues(input.phones ?? []),
      photoFileId: null,
      householdId: household.id,
      relationship: input.relationship,
      recipientRole: input.recipientRole ?? null,
      areaPath: household.areaPath,
      status: IndividualStatus.ACTIVE,
      mergedIntoId: null,
      extra: input.extra ?? {},
      importJobId: null,
    });
    await this.save(em, individual, `${field}.externalId`);
    await this.replaceDocuments(em, individual.id, input.documents ?? [], `${field}.documents`);
    await this.openPeriod(em, individual);
    return individual;
  }

  /** Birth date and the simple person fields, from an input that may leave any of them out. */
  personValues(input: PersonFields): Partial<Individual> {
    const values: Partial<Individual> = {};
    for (const key of PERSON_FIELDS) if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key] === '' ? null : input[key];
    if (input.birthDate) {
      if (input.birthDate > new Date().toISOString().slice(0, 10)) throw invalidField('birthDate', 'registry.errors.birthDateInFuture');
      values.birthDate = input.birthDate;
      values.birthDateEstimated = false;
    } else if (input.estimatedAge !== undefined && input.estimatedAge !== null) {
      values.birthDate = `${new Date().getUTCFullYear() - input.estimatedAge}-07-01`;
      values.birthDateEstimated = true;
    } else if (input.birthDate === null) {
      values.birthDate = null;
      values.birthDateEstimated = false;
    }
    if (input.phones !== undefined) Object.assign(values, phoneValues(input.phones));
    return values;
  }

  async replaceDocuments(em: EntityManager, individualId: string, documents: DocumentInput[], field = 'documents'): Promise<void> {
    const seen = new Set<string>();
    documents.forEach((d, i) => {
      const key = `${d.type}|${d.number.trim()}`;
      if (seen.has(key)) throw invalidField(`${field}.${i}.number`, 'registry.errors.documentRepeated');
      seen.add(key);
    });
    const current = await em.findBy(IndividualDocument, { individualId });
    const wanted = documents.map((d) => ({ type: d.type, number: d.number.trim() }));
    const removed = current.filter((c) => !wanted.some((w) => w.type === c.type && w.number === c.number));
    if (removed.length) await em.remove(removed);
    for (const [i, doc] of wanted.entries()) {
      if (current.some((c) => c.type === doc.type && c.number === doc.number)) continue;
      const owner = await em.findOneBy(IndividualDocument, { type: doc.type, number: doc.number });
      if (owner) throw invalidField(`${field}.${i}.number`, await this.takenKey(em, owner.individualId, 'document'), { number: doc.number });
      await em.save(em.create(IndividualDocument, { individualId, ...doc }));
    }
  }

  async headOf(em: EntityManager, householdId: string): Promise<Individual | null> {
    return em.findOneBy(Individual, { householdId, relationship: Relationship.HEAD });
  }

  async currentMembers(em: EntityManager, householdId: string): Promise<Individual[]> {
    return em.findBy(Individual, { householdId });
  }

  /** Moves a person into a household (or between households), closing their previous period. */
  async join(em: EntityManager, individual: Individual, household: Household, relationship: Relationship, reason: string): Promise<void> {
    if (relationship === Relationship.HEAD && (await this.headOf(em, household.id))) throw invalidField('relationship', 'registry.errors.severalHeads');
    if (individual.householdId === household.id) throw conflict('registry.errors.alreadyMember');
    if (individual.relationship === Relationship.HEAD) throw conflict('registry.errors.headCannotLeave');
    await this.closePeriod(em, individual.id, reason);
    individual.householdId = household.id;
    individual.relationship = relationship;
    individual.recipientRole = null;
    individual.areaPath = household.areaPath;
    await em.save(individual);
    await this.openPeriod(em, individual);
  }

  async leave(em: EntityManager, individual: Individual, reason: string): Promise<void> {
    if (!individual.householdId) throw conflict('registry.errors.notAMember');
    if (individual.relationship === Relationship.HEAD) throw conflict('registry.errors.headCannotLeave');
    await this.closePeriod(em, individual.id, reason);
    individual.householdId = null;
    individual.relationship = null;
    individual.recipientRole = null;
    if (reason === 'DECEASED') individual.status = IndividualStatus.DECEASED;
    await em.save(individual);
  }

  async setHead(em: EntityManager, household: Household, individual: Individual, previousHeadRelationship: Relationship): Promise<void> {
    if (individual.householdId !== household.id) throw invalidField('individualId', 'registry.errors.notAMember');
    if (previousHeadRelationship === Relationship.HEAD) throw invalidField('previousHeadRelationship', 'registry.errors.severalHeads');
    const head = await this.headOf(em, household.id);
    if (head?.id === individual.id) return;
    if (head) await this.changeRole(em, head, previousHeadRelationship, head.recipientRole, 'HEAD_CHANGED');
    await this.changeRole(em, individual, Relationship.HEAD, individual.recipientRole, 'HEAD_CHANGED');
  }

  async setRecipient(em: EntityManager, household: Household, individual: Individual, role: RecipientRole | null): Promise<void> {
    if (individual.householdId !== household.id) throw invalidField('individualId', 'registry.errors.notAMember');
    if (individual.recipientRole === role) return;
    if (role) {
      const holder = await em.findOneBy(Individual, { householdId: household.id, recipientRole: role });
      if (holder) await this.changeRole(em, holder, holder.relationship!, null, 'RECIPIENT_CHANGED');
    }
    await this.changeRole(em, individual, individual.relationship!, role, 'RECIPIENT_CHANGED');
  }

  /** A household that moved to another area takes its members' scope with it. */
  async moveArea(em: EntityManager, household: Household): Promise<void> {
    const members = await this.currentMembers(em, household.id);
    for (const member of members) {
      member.areaPath = household.areaPath;
      await em.save(member);
    }
  }

  async assertRecipients(em: EntityManager, householdId: string): Promise<void> {
    const members = await em.findBy(Individual, { householdId, recipientRole: In([RecipientRole.PRIMARY, RecipientRole.ALTERNATE]) });
    for (const role of [RecipientRole.PRIMARY, RecipientRole.ALTERNATE]) {
      if (members.filter((m) => m.recipientRole === role).length > 1) throw invalidField('members', 'registry.errors.severalRecipients', { role });
    }
  }

  private async changeRole(em: EntityManager, individual: Individual, relationship: Relationship, role: RecipientRole | null, reason: string): Promise<void> {
    await this.closePeriod(em, individual.id, reason);
    individual.relationship = relationship;
    individual.recipientRole = role;
    await em.save(individual);
    await this.openPeriod(em, individual);
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

  private async save(em: EntityManager, individual: Individual, externalIdField: string): Promise<void> {
    const taken = (key: string) => new AppError('CONFLICT', key, { externalId: individual.externalId }, [{ field: externalIdField, key, args: { externalId: individual.externalId } }]);
    if (individual.externalId) {
      const holder = await em.getRepository(Individual).createQueryBuilder('i').select('i.id').where('i.external_id = :externalId', { externalId: individual.externalId }).getOne();
      if (holder && holder.id !== individual.id) throw taken(await this.takenKey(em, holder.id, 'externalId'));
    }
    try {
      await em.save(individual);
    } catch (error) {
      // a concurrent registration took it: say nothing about where
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') throw taken('registry.errors.externalIdUnavailable');
      throw error;
    }
  }

  /**
   * "Already registered" only when the caller may see the record holding the value: a clash with a
   * record outside their areas gets a neutral message that does not confirm it exists.
   */
  private async takenKey(em: EntityManager, holderId: string, what: 'document' | 'externalId'): Promise<string> {
    const visible = await applyAreaScope(em.getRepository(Individual).createQueryBuilder('i').select('i.id').where('i.id = :holderId', { holderId }), 'i.area_path').getOne();
    return `registry.errors.${what}${visible ? 'Taken' : 'Unavailable'}`;
  }
}

/** The numbers in E.164 with the deployment's country code (see phone-number.ts), repeats dropped; and as typed when that differs. */
function phoneValues(typed: readonly string[]): Pick<Individual, 'phones' | 'phonesAsEntered'> {
  const entered = typed.map((p) => p.trim()).filter(Boolean);
  const phones = [...new Set(entered.map((p) => toE164(p) ?? compactPhone(p)))];
  const same = entered.length === phones.length && entered.every((p, i) => p === phones[i]);
  return { phones, phonesAsEntered: same ? null : entered };
}
