import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON, type ReadSummary } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { IndividualStatus, RecipientRole, Relationship, Sex } from '../registry-vocabulary';

@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'individual' })
export class Individual extends CoreEntity {
  @Field(() => String, { nullable: true, description: 'Identifier in the system the person was migrated from.' })
  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  @Field()
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName: string;

  @Field()
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'other_names', type: 'varchar', length: 200, nullable: true })
  otherNames: string | null;

  @Field(() => Sex)
  @Column({ type: 'char', length: 1 })
  sex: Sex;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Field({ description: 'The birth date was computed from an estimated age.' })
  @Column({ name: 'birth_date_estimated', default: false })
  birthDateEstimated: boolean;

  @Field(() => String, { nullable: true })
  @Column({ name: 'marital_status', type: 'varchar', length: 20, nullable: true })
  maritalStatus: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  disability: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 30, nullable: true })
  education: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  occupation: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  phones: string[];

  @Field(() => [String], { nullable: true, description: 'The numbers as they were typed or imported, when they differ from their E.164 form in `phones`.' })
  @Column({ name: 'phones_as_entered', type: 'text', array: true, nullable: true })
  phonesAsEntered: string[] | null;

  @Column({ name: 'photo_file_id', type: 'uuid', nullable: true })
  photoFileId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Field(() => Relationship, { nullable: true, description: 'Relationship to the head of the current household.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  relationship: Relationship | null;

  @Field(() => RecipientRole, { nullable: true })
  @Column({ name: 'recipient_role', type: 'varchar', length: 10, nullable: true })
  recipientRole: RecipientRole | null;

  @Column({ name: 'area_path', type: 'text', nullable: true })
  areaPath: string | null;

  @Field(() => IndividualStatus)
  @Column({ type: 'varchar', length: 20, default: IndividualStatus.ACTIVE })
  status: IndividualStatus;

  @Field(() => ID, { nullable: true, description: 'The record this one was merged into.' })
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  // search columns, maintained by a database trigger (single writes) or by the import (bulk)
  @Column({ name: 'given_norm', type: 'text', insert: false, update: false, select: false })
  givenNorm?: string;

  @Column({ name: 'family_norm', type: 'text', insert: false, update: false, select: false })
  familyNorm?: string;

  @Field(() => GraphQLJSON, { description: 'Deployment-defined fields, validated against the individual field schema.' })
  @Column({ type: 'jsonb', default: () => `'{}'` })
  extra: Record<string, unknown>;

  @Column({ name: 'import_job_id', type: 'uuid', nullable: true })
  importJobId: string | null;
}

/** What a list of people or a household's roster reads (docs/read-path.md, rule 6). */
export const INDIVIDUAL_SUMMARY: ReadSummary = {
  name: 'individual',
  columns: ['id', 'version', 'externalId', 'givenName', 'familyName', 'otherNames', 'sex', 'birthDate', 'birthDateEstimated', 'householdId', 'relationship', 'recipientRole', 'status'],
  fields: { household: ['householdId'], documents: ['id'], age: ['birthDate'] },
};
