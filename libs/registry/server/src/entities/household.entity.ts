import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON, type ReadSummary } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { HouseholdStatus, RegistrationSource } from '../registry-vocabulary';

const numeric = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'household' })
export class Household extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field(() => String, { nullable: true, description: 'Identifier in the system the household was migrated from.' })
  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  longitude: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  rooms: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'wall_material', type: 'varchar', length: 40, nullable: true })
  wallMaterial: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'roof_material', type: 'varchar', length: 40, nullable: true })
  roofMaterial: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'floor_material', type: 'varchar', length: 40, nullable: true })
  floorMaterial: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'water_source', type: 'varchar', length: 40, nullable: true })
  waterSource: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  sanitation: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  lighting: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'cooking_fuel', type: 'varchar', length: 40, nullable: true })
  cookingFuel: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  assets: string[];

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ name: 'registration_date', type: 'date' })
  registrationDate: string;

  @Field(() => RegistrationSource)
  @Column({ name: 'registration_source', type: 'varchar', length: 20 })
  registrationSource: RegistrationSource;

  @Field(() => HouseholdStatus)
  @Column({ type: 'varchar', length: 20, default: HouseholdStatus.ACTIVE })
  status: HouseholdStatus;

  @Field(() => GraphQLJSON, { description: 'Deployment-defined fields, validated against the household field schema.' })
  @Column({ type: 'jsonb', default: () => `'{}'` })
  extra: Record<string, unknown>;

  @Column({ name: 'import_job_id', type: 'uuid', nullable: true })
  importJobId: string | null;
}

/** What a household list page reads (docs/read-path.md, rule 6): `code` is the cursor's key. */
export const HOUSEHOLD_SUMMARY: ReadSummary = {
  name: 'household',
  columns: ['id', 'version', 'code', 'externalId', 'areaId', 'areaPath', 'registrationDate', 'registrationSource', 'status'],
  fields: { area: ['areaId', 'areaPath'], members: ['id'], head: ['id'], memberCount: ['id'], memberships: ['id'] },
};
