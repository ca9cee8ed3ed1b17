import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { conflict } from '@coremis/core';
import type { DataSource } from 'typeorm';
import type { AddHouseholdMemberInput, MoveMemberInput, RemoveMemberInput, SetHouseholdHeadInput, SetRecipientInput } from './dto/household.inputs';
import type { Household } from './entities/household.entity';
import type { Individual } from './entities/individual.entity';
import { HouseholdService } from './household.service';
import { IndividualService } from './individual.service';
import { MemberWriter } from './member-writer.service';
import { IndividualStatus } from './registry-vocabulary';

/** Roster changes: each locks the household (and the person), in the caller's scope, in one transaction. */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly households: HouseholdService,
    private readonly individuals: IndividualService,
    private readonly writer: MemberWriter,
  ) {}

  addMember(input: AddHouseholdMemberInput): Promise<Individual> {
    return this.dataSource.transaction(async (em) => {
      const household = await this.households.loadForChange(em, input.householdId);
      const individual = await this.writer.addNew(em, household, input.member);
      await this.writer.assertRecipients(em, household.id);
      await this.touch(em, household);
      return individual;
    });
  }

  move(input: MoveMemberInput): Promise<Individual> {
    return this.dataSource.transaction(async (em) => {
      const individual = await this.individuals.loadForChange(em, input.individualId);
      if (individual.status !== IndividualStatus.ACTIVE) throw conflict('registry.errors.individualNotActive');
      const from = individual.householdId ? await this.households.loadForChange(em, individual.householdId) : null;
      const to = await this.households.loadForChange(em, input.householdId);
      await this.writer.join(em, individual, to, input.relationship, 'MOVED');
      if (from) await this.touch(em, from);
      await this.touch(em, to);
      return individual;
    });
  }

  remove(input: RemoveMemberInput): Promise<Individual> {
    return this.dataSource.transaction(async (em) => {
      const individual = await this.individuals.loadForChange(em, input.individualId);
      if (!individual.householdId) throw conflict('registry.errors.notAMember');
      const household = await this.households.loadForChange(em, individual.householdId);
      await this.writer.leave(em, individual, input.reason);
      await this.touch(em, household);
      return individual;
    });
  }

  setHead(input: SetHouseholdHeadInput): Promise<Household> {
    return this.dataSource.transaction(async (em) => {
      const household = await this.households.loadForChange(em, input.householdId);
      const individual = await this.individuals.loadForChange(em, input.individualId);
      await this.writer.setHead(em, household, individual, input.previousHeadRelationship);
      await this.touch(em, household);
      return household;
    });
  }

  setRecipient(input: SetRecipientInput): Promise<Household> {
    return this.dataSource.transaction(async (em) => {
      const household = await this.households.loadForChange(em, input.householdId);
      const individual = await this.individuals.loadForChange(em, input.individualId);
      await this.writer.setRecipient(em, household, individual, input.role ?? null);
      await this.touch(em, household);
      return household;
    });
  }

  /** A roster change is a change of the household: its version moves so that stale screens notice. */
  private async touch(em: import('typeorm').EntityManager, household: Household): Promise<void> {
    await em.query('UPDATE registry.household SET version = version + 1, updated_at = now() WHERE id = $1', [household.id]);
    household.version += 1;
  }
}
