import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, AuditIgnore, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum ProviderKindCode {
  OFFLINE_CASH = 'offline-cash',
  MTN_MOMO = 'mtn-momo',
  MPESA_B2C = 'mpesa-b2c',
  PH_EE = 'ph-ee',
}

registerEnumType(ProviderKindCode, { name: 'PaymentProviderKind', description: 'Which provider API an account talks to.' });

/**
 * An account at a payment provider (a MoMo disbursement user, an M-Pesa shortcode, a PH-EE tenant). Credentials
 * and the callback secret are sealed with the core `SecretVault` and never leave the server: the API says only
 * which credential names are set. The audit trail records that secrets changed (`secretsChangedAt`), never them.
 */
@ObjectType('PaymentProviderAccount')
@Audited({ entityType: 'PaymentProviderAccount' })
@Entity({ schema: 'payment', name: 'provider_account' })
export class ProviderAccount extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ProviderKindCode)
  @Column({ type: 'varchar', length: 20 })
  kind: ProviderKindCode;

  @Field({ description: 'The provider API root, e.g. https://sandbox.momodeveloper.mtn.com.' })
  @Column({ name: 'base_url', type: 'text' })
  baseUrl: string;

  @Field({ description: 'ISO 4217 code of the currency this account pays in.' })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Int, { description: 'Milliseconds before a call to the provider counts as timed out (its result is then unknown, never failed).' })
  @Column({ name: 'timeout_ms', type: 'integer', default: 15000 })
  timeoutMs: number;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => [String], { description: 'Names of the credentials that are set (values are never returned).' })
  @Column({ name: 'credential_keys', type: 'text', array: true, default: () => "'{}'" })
  credentialKeys: string[];

  @AuditIgnore()
  @Column({ name: 'credentials_sealed', type: 'text' })
  credentialsSealed: string;

  @AuditIgnore()
  @Column({ name: 'callback_secret_sealed', type: 'text' })
  callbackSecretSealed: string;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'secrets_changed_at', type: 'timestamptz', default: () => 'now()' })
  secretsChangedAt: Date;

  @Field({ description: 'Whether any credential is stored.' })
  get hasCredentials(): boolean {
    return (this.credentialKeys ?? []).length > 0;
  }

  @Field({ description: 'Where the provider must send its callbacks for this account (path on this server).' })
  get callbackPath(): string {
    return `/api/payment/callbacks/${this.code}`;
  }
}
