import { Field, ObjectType } from '@nestjs/graphql';
import { Audited, GraphQLJSON } from '@coremis/core';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** JSON Schema of the deployment-defined fields of households or individuals. */
@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'field_schema' })
export class FieldSchema {
  @Field()
  @PrimaryColumn({ type: 'varchar', length: 20 })
  entity: 'HOUSEHOLD' | 'INDIVIDUAL';

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  schema: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field()
  @VersionColumn({ default: 1 })
  version: number;
}

/** A registry-wide setting (e.g. duplicate-detection thresholds). */
@Audited()
@Entity({ schema: 'registry', name: 'setting' })
export class RegistrySetting {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  key: string;

  @Column({ type: 'jsonb' })
  value: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
