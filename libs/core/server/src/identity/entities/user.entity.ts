import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { Audited } from '../../audit/audited.decorator';
import { CoreEntity } from '../../database/base.entity';

@ObjectType()
@Audited()
@Entity({ schema: 'core', name: 'user' })
export class User extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Field()
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Field()
  @Column({ name: 'is_active', default: true })
  isActive: boolean;

  @Field()
  @Column({ name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret: string | null;

  @Field({ description: 'Whether the user logs in with an authenticator app code.' })
  @Column({ name: 'totp_enabled', default: false })
  totpEnabled: boolean;

  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;

  /** Admin areas the user is restricted to; null = no geographic restriction. */
  @Field(() => [ID], { nullable: true })
  @Column({ name: 'area_ids', type: 'uuid', array: true, nullable: true })
  areaIds: string[] | null;

  @Field(() => [ID])
  @Column({ name: 'role_ids', type: 'uuid', array: true, default: '{}' })
  roleIds: string[];
}
