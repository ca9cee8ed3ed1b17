import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { ConnectorKind } from '../intake-vocabulary';
import type { FormMapping } from '../mapping/form-mapping';

/**
 * A form on a KoBoToolbox or ODK Central server that submissions are pulled from. The secret (KoBo API
 * token, ODK password) is sealed with the core SecretVault and never leaves the server: the API tells
 * only whether one is stored.
 */
@ObjectType('IntakeConnector')
@Audited({ ignore: ['secretSealed'] })
@Entity({ schema: 'intake', name: 'connector' })
export class Connector extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ConnectorKind)
  @Column({ type: 'varchar', length: 10 })
  kind: ConnectorKind;

  @Field({ description: 'Base URL of the server, e.g. https://kf.kobotoolbox.org or https://central.example.org.' })
  @Column({ name: 'server_url', type: 'varchar', length: 500 })
  serverUrl: string;

  @Field({ description: 'KoBo asset uid, or the ODK xmlFormId.' })
  @Column({ name: 'form_id', type: 'varchar', length: 200 })
  formId: string;

  @Field(() => String, { nullable: true, description: 'ODK Central project id.' })
  @Column({ name: 'project_id', type: 'varchar', length: 50, nullable: true })
  projectId: string | null;

  @Field(() => String, { nullable: true, description: 'ODK Central user (e-mail).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  username: string | null;

  @Column({ name: 'secret_sealed', type: 'text', select: false })
  secretSealed?: string;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** Copy of the area's materialised path: the geographic scope filters on it (`applyAreaScope`). */
  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => GraphQLJSON, { description: 'Form paths to registry fields, choices to registry codes.' })
  @Column({ type: 'jsonb', default: () => `'{}'` })
  mapping: FormMapping;

  @Field(() => Int, { nullable: true, description: 'Minutes between scheduled pulls; null: only on demand.' })
  @Column({ name: 'pull_interval_minutes', type: 'integer', nullable: true })
  pullIntervalMinutes: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'next_pull_at', type: 'timestamptz', nullable: true })
  nextPullAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Submissions received or edited at or after this time are pulled next.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  watermark: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'last_job_id', type: 'uuid', nullable: true })
  lastJobId: string | null;

  /** The user who configured the connector: scheduled pulls run as them, in their areas. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;
}
