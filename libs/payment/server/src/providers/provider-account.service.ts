import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, CORE_CONFIG, conflict, type CoreConfig, invalidField, notFound, paginate, SecretVault, type ConnectionShape } from '@coremis/core';
import { likeContains } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { ProviderConfig, ProviderKind } from './payment-provider';
import { ProviderAccount } from './provider-account.entity';
import type { CreateProviderAccountInput, DeactivateProviderAccountInput, ProviderAccountsArgs, ProviderCredentialInput, UpdateProviderAccountInput } from './provider-account.inputs';

const UNIQUE_VIOLATION = '23505';
export const DEFAULT_PROVIDER_TIMEOUT_MS = 15000;

/**
 * Provider accounts: national configuration (no area), behind `payment.providers.manage` for writes. Secrets are
 * sealed before they reach the database and are opened only in `getConfig`, for the adapters.
 */
@Injectable()
export class ProviderAccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: SecretVault,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  list(args: ProviderAccountsArgs): Promise<ConnectionShape<ProviderAccount>> {
    const query = this.dataSource.getRepository(ProviderAccount).createQueryBuilder('r');
    const search = args.filter?.search?.trim();
    if (search) {
      const pattern = likeContains(search);
      query.andWhere('(r.code ILIKE :pattern OR r.name ILIKE :pattern)', { pattern });
    }
    if (args.filter?.active !== undefined && args.filter.active !== null) query.andWhere('r.active = :active', { active: args.filter.active });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string): Promise<ProviderAccount | null> {
    return this.dataSource.getRepository(ProviderAccount).findOneBy({ id });
  }

  findByCode(code: string): Promise<ProviderAccount | null> {
    return this.dataSource.getRepository(ProviderAccount).findOneBy({ code });
  }

  /** `input` comes through `SealProviderSecretsPipe`: credential values and the callback secret are sealed. */
  async create(input: CreateProviderAccountInput): Promise<ProviderAccount> {
    const credentials = this.mergeCredentials({}, input.credentials, []);
    return this.dataSource.transaction(async (em) => {
      const record = em.create(ProviderAccount, {
        code: input.code.trim(),
        name: input.name.trim(),
        kind: input.kind,
        baseUrl: input.baseUrl.replace(/\/+$/, ''),
        currency: input.currency,
        timeoutMs: input.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
        active: true,
        credentialKeys: Object.keys(credentials).sort(),
        credentialsSealed: this.vault.sealJson(credentials),
        callbackSecretSealed: input.callbackSecret ?? this.vault.seal(newCallbackSecret()),
        secretsChangedAt: new Date(),
      });
      return this.save(em, record);
    });
  }

  async update(input: UpdateProviderAccountInput): Promise<ProviderAccount> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, input.id, input.version);
      if (input.name !== undefined && input.name !== null) record.name = input.name.trim();
      if (input.baseUrl) record.baseUrl = input.baseUrl.replace(/\/+$/, '');
      if (input.currency) record.currency = input.currency;
      if (input.timeoutMs) record.timeoutMs = input.timeoutMs;
      if (input.credentials?.length || input.removeCredentials?.length) {
        const current = this.vault.openJson<Record<string, string>>(record.credentialsSealed);
        const next = this.mergeCredentials(current, input.credentials ?? [], input.removeCredentials ?? []);
        if (JSON.stringify(sorted(next)) !== JSON.stringify(sorted(current))) {
          record.credentialsSealed = this.vault.sealJson(next);
          record.credentialKeys = Object.keys(next).sort();
          record.secretsChangedAt = new Date();
        }
      }
      if (input.callbackSecret && input.rotateCallbackSecret) throw invalidField('callbackSecret', 'payment.providers.errors.secretOrRotate');
      if (input.callbackSecret || input.rotateCallbackSecret) {
        record.callbackSecretSealed = input.callbackSecret ?? this.vault.seal(newCallbackSecret());
        record.secretsChangedAt = new Date();
      }
      return this.save(em, record);
    });
  }

  async deactivate(input: DeactivateProviderAccountInput): Promise<ProviderAccount> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, input.id, input.version);
      if (!record.active) throw conflict('payment.providers.errors.alreadyInactive');
      record.active = false;
      return this.save(em, record);
    });
  }

  /**
   * The opened configuration an adapter needs. Submissions use active accounts only; callbacks and status
   * polling for money already sent still work on a deactivated account (`allowInactive`).
   */
  async getConfig(accountId: string, options: { allowInactive?: boolean } = {}): Promise<ProviderConfig> {
    const record = await this.findById(accountId);
    if (!record) throw notFound('payment.providers.errors.notFound');
    return this.toConfig(record, options);
  }

  async getConfigByCode(code: string, options: { allowInactive?: boolean } = {}): Promise<ProviderConfig | null> {
    const record = await this.findByCode(code);
    return record ? this.toConfig(record, options) : null;
  }

  private toConfig(record: ProviderAccount, options: { allowInactive?: boolean }): ProviderConfig {
    if (!record.active && !options.allowInactive) throw conflict('payment.providers.errors.inactive', { code: record.code });
    return {
      accountId: record.id,
      kind: record.kind as ProviderKind,
      baseUrl: record.baseUrl,
      currency: record.currency,
      credentials: this.vault.openJson<Record<string, string>>(record.credentialsSealed),
      callbackUrl: `${this.callbackBase()}${record.callbackPath}`,
      callbackSecret: this.vault.open(record.callbackSecretSealed),
      timeoutMs: record.timeoutMs,
    };
  }

  /** The public address of this server as providers reach it (`PAYMENT_CALLBACK_BASE_URL`, e.g. https://mis.example.org). */
  private callbackBase(): string {
    const configured = process.env['PAYMENT_CALLBACK_BASE_URL']?.trim();
    return (configured || `http://127.0.0.1:${this.config.PORT}`).replace(/\/+$/, '');
  }

  private mergeCredentials(current: Record<string, string>, changes: ProviderCredentialInput[], removals: string[]): Record<string, string> {
    const seen = new Set<string>();
    const next = { ...current };
    changes.forEach((change, index) => {
      if (seen.has(change.key)) throw invalidField(`credentials.${index}.key`, 'payment.providers.errors.duplicateCredential', { key: change.key });
      seen.add(change.key);
      if (change.value !== '') next[change.key] = this.vault.open(change.value);
      else if (!(change.key in current)) throw invalidField(`credentials.${index}.value`, 'payment.providers.errors.credentialRequired', { key: change.key });
    });
    for (const key of removals) {
      if (seen.has(key)) throw invalidField('removeCredentials', 'payment.providers.errors.duplicateCredential', { key });
      delete next[key];
    }
    return next;
  }

  private async lock(em: EntityManager, id: string, version: number): Promise<ProviderAccount> {
    const record = await em.getRepository(ProviderAccount).createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('payment.providers.errors.notFound');
    if (record.version !== version) throw conflict('core.errors.staleVersion');
    return record;
  }

  private async save(em: EntityManager, record: ProviderAccount): Promise<ProviderAccount> {
    try {
      return await em.save(record);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'payment.providers.errors.duplicateCode', { code: record.code }, [
          { field: 'code', key: 'payment.providers.errors.duplicateCode', args: { code: record.code } },
        ]);
      }
      throw error;
    }
  }
}

function newCallbackSecret(): string {
  return randomBytes(32).toString('base64url');
}

function sorted(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
