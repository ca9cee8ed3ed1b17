import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CostlyOperation, RequirePermissions } from '@coremis/core';
import type { DataSource } from 'typeorm';

@ObjectType({ description: 'Counts of registry rows that break a rule the database does not enforce by itself; all zero when healthy.' })
export class RegistryIntegrity {
  @Field(() => Int, { description: 'People whose current household does not exist.' })
  danglingHouseholdRefs: number;

  @Field(() => Int, { description: 'Membership periods pointing to a missing person or household.' })
  danglingMemberships: number;

  @Field(() => Int, { description: 'Documents of a missing person, and merged records whose survivor is missing.' })
  danglingDocuments: number;

  @Field(() => Int, { description: 'Active households without a head.' })
  householdsWithoutHead: number;

  @Field(() => Int, { description: 'Households with more than one head.' })
  householdsWithSeveralHeads: number;

  @Field(() => Int, { description: 'Members without an open membership period, or with one in another household.' })
  membershipMismatches: number;
}

/** The checks behind the foreign keys the bulk tables leave out (see the registry migration). */
@Injectable()
export class RegistryIntegrityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(): Promise<RegistryIntegrity> {
    const [row] = await this.dataSource.query(`
      SELECT
        (SELECT count(*)::int FROM registry.individual i WHERE i.household_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registry.household h WHERE h.id = i.household_id)) AS "danglingHouseholdRefs",
        (SELECT count(*)::int FROM registry.membership m WHERE NOT EXISTS (SELECT 1 FROM registry.individual i WHERE i.id = m.individual_id) OR NOT EXISTS (SELECT 1 FROM registry.household h WHERE h.id = m.household_id)) AS "danglingMemberships",
        (SELECT count(*)::int FROM registry.individual i WHERE i.merged_into_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registry.individual s WHERE s.id = i.merged_into_id)) +
        (SELECT count(*)::int FROM registry.individual_document d WHERE NOT EXISTS (SELECT 1 FROM registry.individual i WHERE i.id = d.individual_id)) AS "danglingDocuments",
        (SELECT count(*)::int FROM registry.household h WHERE h.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.relationship = 'HEAD')) AS "householdsWithoutHead",
        (SELECT count(*)::int FROM (SELECT household_id FROM registry.individual WHERE relationship = 'HEAD' GROUP BY household_id HAVING count(*) > 1) x) AS "householdsWithSeveralHeads",
        (SELECT count(*)::int FROM registry.individual i LEFT JOIN registry.membership m ON m.individual_id = i.id AND m.ended_at IS NULL
          WHERE (i.household_id IS NOT NULL AND (m.id IS NULL OR m.household_id <> i.household_id OR m.relationship <> i.relationship)) OR (i.household_id IS NULL AND m.id IS NOT NULL)) AS "membershipMismatches"`);
    return row;
  }
}

@Resolver(() => RegistryIntegrity)
export class RegistryIntegrityResolver {
  constructor(private readonly integrity: RegistryIntegrityService) {}

  @Query(() => RegistryIntegrity, { description: 'Checks the registry for broken references and rosters (a full scan: run it off-peak).' })
  @RequirePermissions('registry.schema.manage')
  @CostlyOperation()
  registryIntegrity(): Promise<RegistryIntegrity> {
    return this.integrity.check();
  }
}
