import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { CandidateMatchService } from '@coremis/registry';
import { AppError, applyAreaScope, badInput, conflict, invalidField, notFound, paginate, RequestContext, SecretVault, type ConnectionShape, type Job } from '@coremis/core';
import { likeContains } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { ConnectorsArgs, CreateConnectorInput, FormMappingInput, PreviewMappingInput, SaveMappingInput, UpdateConnectorInput } from './dto/connector.inputs';
import type { MappingPreview } from './dto/connector.models';
import { Connector } from './entities/connector.entity';
import { ConnectorKind } from './intake-vocabulary';
import { applyMapping, type FlatRecord, type FormMapping } from './mapping/form-mapping';
import { normalise } from './pull/submission-staging.service';
import { PullService } from './pull/pull.service';
import { checkSubmissions } from './review/submission-checks';
import { assertOutboundAllowed, OutboundRefusedError } from './sources/outbound-policy';
import { SourceFactory } from './sources/source-factory';

const UNIQUE_VIOLATION = '23505';

/** The data layer of connectors: every read and write is limited to the caller's areas, in SQL. */
@Injectable()
export class ConnectorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly vault: SecretVault,
    private readonly sources: SourceFactory,
    private readonly pulls: PullService,
    private readonly matcher: CandidateMatchService,
  ) {}

  /** Every read goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Connector).createQueryBuilder('r'), 'r.area_path');
  }

  list(args: ConnectorsArgs): Promise<ConnectionShape<Connector>> {
    const query = this.scoped();
    const search = args.filter?.search?.trim();
    if (search) {
      const pattern = likeContains(search);
      query.andWhere('(r.code ILIKE :pattern OR r.name ILIKE :pattern)', { pattern });
    }
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string): Promise<Connector | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  async findByIds(ids: readonly string[]): Promise<Connector[]> {
    if (!ids.length) return [];
    return this.scoped().andWhere('r.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  /** A connector in scope with its sealed secret (for the server side only). */
  private async withSecret(id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<Connector> {
    const query = this.scoped(em).addSelect('r.secretSealed').andWhere('r.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const record = await query.getOne();
    if (!record) throw notFound('intake.errors.notFound');
    return record;
  }

  async create(input: CreateConnectorInput): Promise<Connector> {
    checkKind(input.kind, input.projectId, input.username);
    await checkServerUrl(input.serverUrl.trim());
    return this.dataSource.transaction(async (em) => {
      // an area outside the caller's scope is reported as unknown, like one that does not exist
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'intake.errors.areaNotFound');
      const record = em.create(Connector, {
        code: input.code.trim(),
        name: input.name.trim(),
        kind: input.kind,
        serverUrl: input.serverUrl.trim(),
        formId: input.formId,
        projectId: input.projectId ?? null,
        username: input.username?.trim() || null,
        secretSealed: this.vault.seal(input.secret),
        areaId: area.id,
        areaPath: area.path,
        mapping: {},
        pullIntervalMinutes: input.pullIntervalMinutes ?? null,
        nextPullAt: input.pullIntervalMinutes ? new Date() : null,
        watermark: null,
        lastJobId: null,
        ownerId: RequestContext.actor()?.userId ?? null,
      });
      return this.save(em, record);
    });
  }

  async update(input: UpdateConnectorInput): Promise<Connector> {
    if (input.serverUrl !== undefined) await checkServerUrl(input.serverUrl.trim());
    return this.dataSource.transaction(async (em) => {
      const record = await this.withSecret(input.id, em, true);
      if (record.version !== input.version) throw conflict('core.errors.staleVersion');
      if (input.areaId && input.areaId !== record.areaId) {
        const area = await this.areas.findById(input.areaId, em);
        if (!area) throw invalidField('areaId', 'intake.errors.areaNotFound');
        record.areaId = area.id;
        record.areaPath = area.path;
      }
      if (input.name !== undefined) record.name = input.name.trim();
      const moved = (input.serverUrl !== undefined && input.serverUrl.trim() !== record.serverUrl) || (input.formId !== undefined && input.formId !== record.formId) || (input.projectId !== undefined && input.projectId !== record.projectId);
      if (input.serverUrl !== undefined) record.serverUrl = input.serverUrl.trim();
      if (input.formId !== undefined) record.formId = input.formId;
      if (input.projectId !== undefined) record.projectId = input.projectId ?? null;
      if (input.username !== undefined) record.username = input.username?.trim() || null;
      // another server or form: its submissions are pulled from the start
      if (moved) record.watermark = null;
      checkKind(record.kind, record.projectId, record.username);
      if (input.secret !== undefined) record.secretSealed = this.vault.seal(input.secret);
      if (input.pullIntervalMinutes !== undefined) {
        record.pullIntervalMinutes = input.pullIntervalMinutes ?? null;
        record.nextPullAt = input.pullIntervalMinutes ? new Date() : null;
      }
      record.ownerId = RequestContext.actor()?.userId ?? record.ownerId;
      return this.save(em, record);
    });
  }

  async saveMapping(input: SaveMappingInput): Promise<Connector> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.withSecret(input.id, em, true);
      if (record.version !== input.version) throw conflict('core.errors.staleVersion');
      record.mapping = mappingOf(input.mapping);
      return this.save(em, record);
    });
  }

  /** Applies a draft mapping to the latest submissions on the server, with the checks they would fail. */
  async preview(input: PreviewMappingInput): Promise<MappingPreview> {
    const connector = await this.withSecret(input.id);
    const mapping = mappingOf(input.mapping);
    const client = this.sources.open(connector, mapping.membersPath ?? null);
    let rows;
    try {
      const head = await client.page(null, 0, 1);
      const offset = Math.max(0, (head.total ?? 0) - input.limit);
      rows = offset === 0 && head.total !== null && head.total <= 1 ? head.rows : (await client.page(null, offset, input.limit)).rows;
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw refusedUrl(error);
      throw badInput('intake.errors.serverUnreachable', { reason: (error as Error).message.slice(0, 200) });
    }
    const latest = rows.slice(-input.limit).reverse();
    const staged = latest.map((r) => normalise(applyMapping(r.flat, mapping)));
    // a submission already accepted is not a duplicate of the household it created
    const stored = (await this.dataSource.query(
      `SELECT instance_ids, household_id FROM intake.submission WHERE connector_id = $1 AND household_id IS NOT NULL AND instance_ids && $2::text[]`,
      [connector.id, latest.map((r) => r.instanceId)],
    )) as { instance_ids: string[]; household_id: string }[];
    const householdOf = (instanceId: string) => stored.find((row) => row.instance_ids.includes(instanceId))?.household_id ?? null;
    const checks = await checkSubmissions(this.dataSource.manager, this.matcher, staged.map((data, i) => ({ data, scopePath: connector.areaPath, householdId: householdOf(latest[i].instanceId) })));
    const paths = new Set<string>();
    const repeatPaths = new Set<string>();
    const visit = (record: FlatRecord) => {
      for (const [key, value] of Object.entries(record)) {
        if (key.startsWith('_') || key.startsWith('__') || key.startsWith('meta/') || key.startsWith('formhub/')) continue;
        if (Array.isArray(value)) {
          repeatPaths.add(key);
          value.forEach((item) => item && typeof item === 'object' && visit(item as FlatRecord));
        } else paths.add(key);
      }
    };
    latest.forEach((r) => visit(r.flat));
    return {
      paths: [...paths].sort(),
      repeatPaths: [...repeatPaths].sort(),
      rows: latest.map((r, i) => ({ instanceId: r.instanceId, submittedAt: r.submittedAt, data: staged[i], issues: checks[i].issues })),
    };
  }

  /** Queues a pull now, as the caller. */
  async pull(id: string): Promise<Job> {
    const connector = await this.findById(id);
    if (!connector) throw notFound('intake.errors.notFound');
    if (!connector.mapping?.rules?.length) throw badInput('intake.errors.noMapping');
    const running = (await this.dataSource.query(`SELECT 1 FROM core.job WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`, [connector.lastJobId])) as unknown[];
    if (running.length) throw conflict('intake.errors.pullRunning');
    return this.pulls.enqueue(connector, RequestContext.actor()?.userId ?? null);
  }

  private async save(em: EntityManager, record: Connector): Promise<Connector> {
    try {
      const saved = await em.save(record);
      delete saved.secretSealed;
      return saved;
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'intake.errors.duplicateCode', { code: record.code }, [
          { field: 'code', key: 'intake.errors.duplicateCode', args: { code: record.code } },
        ]);
      }
      throw error;
    }
  }
}

function checkKind(kind: ConnectorKind, projectId: string | null | undefined, username: string | null | undefined): void {
  if (kind !== ConnectorKind.ODK) return;
  if (!projectId) throw invalidField('projectId', 'intake.errors.odkProjectRequired');
  if (!username?.trim()) throw invalidField('username', 'intake.errors.odkUserRequired');
}

function mappingOf(input: FormMappingInput): FormMapping {
  return {
    membersPath: input.membersPath?.trim() || null,
    rules: input.rules.map((r) => ({ target: r.target, path: r.path.trim() })),
    choices: input.choices.map((c) => ({ target: c.target, value: c.value, code: c.code.trim() })),
    phoneCountry: input.phoneCountry ?? null,
  };
}

function refusedUrl(error: OutboundRefusedError): AppError {
  return invalidField('serverUrl', error.reason === 'UNRESOLVED' ? 'intake.errors.serverUnresolved' : 'intake.errors.serverNotAllowed', { host: error.host });
}

/** The outbound policy on a server URL typed by a manager (resolved now; checked again at every request of a pull). */
async function checkServerUrl(url: string): Promise<void> {
  try {
    await assertOutboundAllowed(url);
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw refusedUrl(error);
    throw error;
  }
}
