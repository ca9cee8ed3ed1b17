import { Injectable } from '@nestjs/common';
import { RequestContext } from '@coremis/core';
import { Household, HouseholdService, Individual, IndividualService, Relationship, type Sex, StoredFile } from '@coremis/registry';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SubmissionAttachment } from '../entities/attachment.entity';
import type { Submission } from '../entities/submission.entity';
import type { StagedMember } from '../mapping/form-mapping';

/**
 * Writes an accepted submission into the registry through the registry's own services (its checks,
 * audit and roster rules), in the caller's transaction: a household with its members and the head's
 * photo the first time, and an update of the same household and people when an edit arrives later.
 */
@Injectable()
export class RegistryWriter {
  constructor(
    private readonly households: HouseholdService,
    private readonly individuals: IndividualService,
  ) {}

  async write(em: EntityManager, submission: Submission, areaId: string): Promise<{ householdId: string; memberIds: (string | null)[] }> {
    return submission.householdId ? this.update(em, submission, areaId) : this.create(em, submission, areaId);
  }

  private async create(em: EntityManager, submission: Submission, areaId: string): Promise<{ householdId: string; memberIds: (string | null)[] }> {
    const { household: h, members } = submission.data;
    const created = await this.households.create(
      {
        areaId,
        address: h.address ?? null,
        latitude: h.latitude ?? null,
        longitude: h.longitude ?? null,
        rooms: h.rooms ?? null,
        registrationDate: h.registrationDate ?? submission.submittedAt?.toISOString().slice(0, 10) ?? null,
        extra: clean(h.extra),
        members: members.map((m) => ({ ...person(m), givenName: String(m.givenName).trim(), familyName: String(m.familyName).trim(), sex: m.sex as Sex, relationship: m.relationship as Relationship })),
      },
      em,
    );
    created.registrationSource = 'FIELD' as Household['registrationSource'];
    await em.save(created);
    // the registry adds the head first, then the others in order: ids are time-ordered
    const rows = (await em.query(`SELECT id FROM registry.individual WHERE household_id = $1 ORDER BY id`, [created.id])) as { id: string }[];
    const order = members.map((m, i) => ({ m, i })).sort((a, b) => Number(b.m.relationship === Relationship.HEAD) - Number(a.m.relationship === Relationship.HEAD));
    const memberIds: (string | null)[] = members.map(() => null);
    order.forEach((entry, k) => (memberIds[entry.i] = rows[k]?.id ?? null));
    await this.attachPhotos(em, submission, memberIds);
    return { householdId: created.id, memberIds };
  }

  private async update(em: EntityManager, submission: Submission, areaId: string): Promise<{ householdId: string; memberIds: (string | null)[] }> {
    const { household: h, members } = submission.data;
    const household = await this.households.findById(submission.householdId!, em, true);
    if (!household) return this.create(em, { ...submission, householdId: null } as Submission, areaId);
    await this.households.update(
      { id: household.id, version: household.version, areaId, address: h.address ?? null, latitude: h.latitude ?? null, longitude: h.longitude ?? null, rooms: h.rooms ?? null, ...(h.extra ? { extra: clean(h.extra) } : {}) },
      em,
    );
    const memberIds = [...submission.memberIds];
    for (const [index, member] of members.entries()) {
      const id = memberIds[index];
      if (!id) continue; // a member added by the edit is left to the registry's roster screens
      const individual = await this.individuals.findById(id, em, true);
      if (!individual) continue;
      await this.individuals.update({ id, version: individual.version, givenName: String(member.givenName).trim(), familyName: String(member.familyName).trim(), sex: member.sex as Sex, ...person(member) }, em);
    }
    await this.attachPhotos(em, submission, memberIds);
    return { householdId: household.id, memberIds };
  }

  /** The household photo (or a member's) from the submission's attachments, as the person's photo. */
  private async attachPhotos(em: EntityManager, submission: Submission, memberIds: (string | null)[]): Promise<void> {
    const members = submission.data.members;
    const headIndex = Math.max(0, members.findIndex((m) => m.relationship === Relationship.HEAD));
    const wanted = new Map<number, string>();
    if (submission.data.household.photo && memberIds[headIndex]) wanted.set(headIndex, submission.data.household.photo);
    members.forEach((m, i) => m.photo && memberIds[i] && wanted.set(i, m.photo));
    for (const [index, name] of wanted) {
      const attachment = await em
        .getRepository(SubmissionAttachment)
        .createQueryBuilder('a')
        .addSelect('a.content')
        .where('a.submission_id = :id AND a.name = :name', { id: submission.id, name })
        .getOne();
      if (!attachment?.content || !/^image\/(jpeg|png|webp)$/.test(attachment.contentType)) continue;
      const individual = await em.findOneByOrFail(Individual, { id: memberIds[index]! });
      const sha256 = createHash('sha256').update(attachment.content).digest('hex');
      if (individual.photoFileId) {
        const current = await em.findOneBy(StoredFile, { id: individual.photoFileId });
        if (current?.sha256 === sha256) continue;
      }
      const file = em.create(StoredFile, {
        individualId: individual.id,
        householdId: individual.householdId,
        kind: 'PHOTO',
        name: attachment.name.slice(0, 200),
        contentType: attachment.contentType,
        size: attachment.size,
        sha256,
        content: attachment.content,
        createdBy: RequestContext.actor()?.userId ?? null,
      });
      await em.save(file);
      individual.photoFileId = file.id;
      await em.save(individual);
    }
  }
}

function person(m: StagedMember) {
  return {
    birthDate: m.birthDate ?? null,
    ...(m.birthDate ? {} : m.estimatedAge !== undefined && m.estimatedAge !== null ? { estimatedAge: Number(m.estimatedAge) } : {}),
    phones: m.phone ? [String(m.phone)] : [],
    documents: m.documentNumber ? [{ type: m.documentType ?? 'NATIONAL_ID', number: String(m.documentNumber).trim() }] : [],
    ...(m.extra ? { extra: clean(m.extra) } : {}),
  };
}

/** Extra fields without the empty answers. */
function clean(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extra ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}
