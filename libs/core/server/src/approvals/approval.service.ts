import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { hasPermissions } from '../access/access-policy';
import { areaScopePatterns } from '../access/area-scope';
import { REQUIRED_PERMISSIONS } from '../access/require-permissions.decorator';
import { AuditService } from '../audit/audit.service';
import { type Actor, RequestContext } from '../context/request-context';
import { AppError, badInput, conflict, forbidden, invalidField, notFound } from '../graphql/app-error';
import { type ConnectionArgs, type ConnectionShape, paginate } from '../graphql/connection';
import { RequestLoaders } from '../graphql/request-loaders';
import { ActorService } from '../identity/actor.service';
import { type JobContext, JobLeaseLostError } from '../queue/job-processor.decorator';
import { JobService } from '../queue/job.service';
import { approvalScope } from './approvable-operation.decorator';
import { ApprovalDecision, ApprovalDecisionType } from './approval-decision.entity';
import { ApprovalFlow, type ApprovalLevel, ApprovalPolicy } from './approval-flow.entity';
import { isLevelSatisfied, rolesForLevel } from './approval-policy';
import { canonicalJson, payloadHash, toPlainJson } from '../json/canonical-json';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from './dto/approval.args';
import { MAX_APPROVAL_LEVELS, MAX_REQUIRED_APPROVERS, type SaveApprovalFlowInput } from './dto/save-approval-flow.input';
import { OperationRegistry } from './operation-registry.service';
import { PendingOperation, PendingOperationStatus, type StoredError } from './pending-operation.entity';

const SUMMARY_MAX_LENGTH = 300;

/** What a decision did, decided under the row lock and acted upon after commit. */
type DecisionOutcome = { execute: false } | { execute: true; jobId: string };

/** The queue of approved operations; its jobs run in the API processes (they call resolver methods). */
export const APPROVALS_QUEUE = 'core.approvals';

/** How long the checker's last approval waits for the operation's outcome before answering EXECUTING. */
const EXECUTION_WAIT_MS = 20_000;

export interface ApprovalJobPayload {
  operationId: string;
}

/** Saved, committed, right before the operation's method is called. */
export interface ApprovalJobCheckpoint {
  started: boolean;
}

/**
 * Maker-checker approvals. Who acts always comes from the request context (`RequestContext.actor()`):
 * the maker when an operation is submitted, the checker when one is decided.
 */
@Injectable()
export class ApprovalService {
  private readonly logger = new Logger(ApprovalService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: OperationRegistry,
    private readonly audit: AuditService,
    private readonly actors: ActorService,
    private readonly jobs: JobService,
  ) {}

  operations(): string[] {
    return this.registry.operations();
  }

  async enabledFlow(operation: string): Promise<ApprovalFlow | null> {
    return this.dataSource.getRepository(ApprovalFlow).findOneBy({ operation, enabled: true });
  }

  flows(): Promise<ApprovalFlow[]> {
    return this.dataSource.getRepository(ApprovalFlow).find({ order: { operation: 'ASC' } });
  }

  async saveFlow(input: SaveApprovalFlowInput): Promise<ApprovalFlow> {
    if (!this.registry.get(input.operation)) throw invalidField('operation', 'core.approvals.errors.unknownOperation', { operation: input.operation });
    const levels = normalizeLevels(input.levels);
    return this.dataSource.transaction(async (em) => {
      const before = await em.getRepository(ApprovalFlow).findOne({ where: { operation: input.operation }, lock: { mode: 'pessimistic_write' } });
      await em.query(
        `INSERT INTO core.approval_flow (operation, enabled, levels) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (operation) DO UPDATE SET enabled = EXCLUDED.enabled, levels = EXCLUDED.levels, updated_at = now(), version = core.approval_flow.version + 1`,
        [input.operation, input.enabled, JSON.stringify(levels)],
      );
      const flow = await em.getRepository(ApprovalFlow).findOneByOrFail({ operation: input.operation });
      await this.audit.record(em, {
        action: before ? 'UPDATE' : 'CREATE',
        entityType: 'ApprovalFlow',
        entityId: flow.id,
        changes: {
          ...(before?.enabled !== flow.enabled ? { enabled: { before: before?.enabled ?? null, after: flow.enabled } } : {}),
          ...(canonicalJson(before?.levels ?? null) !== canonicalJson(flow.levels) ? { levels: { before: before?.levels ?? null, after: flow.levels } } : {}),
        },
        details: { operation: flow.operation },
      });
      return flow;
    });
  }

  /**
   * Stores a request for approval. The payload is validated first, as it will be again when the
   * operation finally runs: a request that could never run is refused now, not after the approvals.
   */
  async submit(operation: string, payload: Record<string, unknown>, flow?: ApprovalFlow): Promise<PendingOperation> {
    const entry = this.registry.get(operation);
    if (!entry) throw badInput('core.approvals.errors.unknownOperation', { operation });
    const activeFlow = flow ?? (await this.enabledFlow(operation));
    if (!activeFlow) throw conflict('core.approvals.errors.noFlow', { operation });
    const plain = toPlainJson<Record<string, unknown>>(payload);
    const actor = RequestContext.actor();
    await this.registry.argumentsFor(entry, plain, graphqlContextFor(actor));
    const repo = this.dataSource.getRepository(PendingOperation);
    const pending = repo.create({
      operation,
      payload: plain,
      payloadHash: payloadHash(plain),
      summary: truncate(entry.options.summary?.(plain) ?? `${operation} ${canonicalJson(plain)}`, SUMMARY_MAX_LENGTH),
      makerId: actor?.userId ?? null,
      makerUsername: actor?.username ?? null,
      makerActor: actor ? { roles: [...actor.roles], permissions: [...actor.permissions], areaPaths: actor.areaPaths } : null,
      status: PendingOperationStatus.PENDING,
      currentLevel: 1,
      levels: activeFlow.levels,
      result: null,
      errorDetail: null,
      rejectReason: null,
    });
    return this.dataSource.transaction(async (em) => {
      const saved = await em.getRepository(PendingOperation).save(pending);
      await this.audit.record(em, { action: 'APPROVAL_REQUEST', entityType: 'PendingOperation', entityId: saved.id, details: { operation, summary: saved.summary, payloadHash: saved.payloadHash } });
      return saved;
    });
  }

  async approve(id: string, comment?: string | null): Promise<PendingOperation> {
    const trimmed = comment?.trim() || null;
    if (trimmed && trimmed.length > REASON_MAX_LENGTH) throw invalidField('comment', 'core.validation.maxLength', { c0: REASON_MAX_LENGTH });
    return this.decide(id, ApprovalDecisionType.APPROVE, trimmed);
  }

  async reject(id: string, reason: string): Promise<PendingOperation> {
    const trimmed = (reason ?? '').trim();
    if (trimmed.length < REASON_MIN_LENGTH || trimmed.length > REASON_MAX_LENGTH) {
      throw invalidField('reason', 'core.approvals.errors.reasonRequired', { min: REASON_MIN_LENGTH, max: REASON_MAX_LENGTH });
    }
    return this.decide(id, ApprovalDecisionType.REJECT, trimmed);
  }

  /** The maker withdraws a request nobody has finished deciding. */
  async cancel(id: string): Promise<PendingOperation> {
    const actor = requireActor();
    const rows = await this.dataSource.transaction(async (em) => {
      const [updated]: [{ operation: string }[]] = await em.query(
        `UPDATE core.pending_operation SET status = 'CANCELLED', updated_at = now(), version = version + 1
          WHERE id = $1 AND status = 'PENDING' AND maker_id = $2 RETURNING operation`,
        [id, actor.userId],
      );
      if (updated.length) await this.audit.record(em, { action: 'CANCEL', entityType: 'PendingOperation', entityId: id, details: { operation: updated[0].operation } });
      return updated;
    });
    const operation = await this.findById(id);
    if (!operation) throw notFound('core.approvals.errors.notFound');
    if (!rows.length) {
      if (operation.makerId !== actor.userId) throw forbidden('core.approvals.errors.notMaker');
      throw conflict('core.approvals.errors.notPending', { status: operation.status });
    }
    return operation;
  }

  findById(id: string): Promise<PendingOperation | null> {
    return this.dataSource.getRepository(PendingOperation).findOneBy({ id });
  }

  async payloadsFor(operationIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const rows: { id: string; payload: Record<string, unknown> }[] = await this.dataSource.query('SELECT id, payload FROM core.pending_operation WHERE id = ANY($1)', [operationIds]);
    return new Map(rows.map((row) => [row.id, row.payload]));
  }

  /** A pending operation, for its maker, the holders of a role of its flow, and approval administrators. */
  async findVisible(id: string): Promise<PendingOperation | null> {
    const actor = requireActor();
    const operation = await this.findById(id);
    if (!operation) return null;
    if (operation.makerId === actor.userId) return operation;
    const visible =
      (actor.permissions.has('*') || actor.permissions.has('core.approvals.configure') || operation.levels.some((level) => rolesForLevel(level, actor.roles).length > 0)) &&
      isWithinScope(operation, actor);
    return visible ? operation : null;
  }

  /** Pending operations whose current level the actor may decide: not their own, not decided by them yet. */
  inbox(args: ConnectionArgs): Promise<ConnectionShape<PendingOperation>> {
    const actor = requireActor();
    const query = this.dataSource
      .getRepository(PendingOperation)
      .createQueryBuilder('op')
      .where(`op.status = 'PENDING'`)
      .andWhere('(op.maker_id IS NULL OR op.maker_id <> :userId)', { userId: actor.userId })
      .andWhere(`jsonb_exists_any(op.levels -> (op.current_level - 1) -> 'roles', :roles::text[])`, { roles: actor.roles })
      // not decided by them at this level, and not approved by them at an earlier one (one level per person)
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM core.approval_decision d WHERE d.operation_id = op.id AND d.user_id = :userId
                        AND (d.level = op.current_level OR (d.level < op.current_level AND d.decision = 'APPROVE')))`,
        { userId: actor.userId },
      );
    const checkerPrefixes = areaScopePatterns(actor);
    if (checkerPrefixes) {
      // a restricted checker decides only requests made within their areas (the maker's own scope lies inside theirs)
      query.andWhere(
        `CASE WHEN jsonb_typeof(op.maker_actor -> 'areaPaths') = 'array'
              THEN jsonb_array_length(op.maker_actor -> 'areaPaths') > 0
                   AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(op.maker_actor -> 'areaPaths') AS maker(path) WHERE NOT (maker.path LIKE ANY(:checkerPrefixes::text[])))
              ELSE false END`,
        { checkerPrefixes },
      );
    }
    return paginate(query, args, []);
  }

  /** The actor's own requests, oldest first, optionally with one status. */
  mine(args: ConnectionArgs & { status?: PendingOperationStatus }): Promise<ConnectionShape<PendingOperation>> {
    const actor = requireActor();
    const query = this.dataSource.getRepository(PendingOperation).createQueryBuilder('op').where('op.maker_id = :userId', { userId: actor.userId });
    if (args.status) query.andWhere('op.status = :status', { status: args.status });
    return paginate(query, args, []);
  }

  async decisionsFor(operationIds: readonly string[]): Promise<ApprovalDecision[]> {
    if (!operationIds.length) return [];
    return this.dataSource
      .getRepository(ApprovalDecision)
      .createQueryBuilder('d')
      .where('d.operation_id = ANY(:ids)', { ids: operationIds })
      .orderBy('d.decided_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }

  /**
   * Records a decision. The pending row stays locked (SELECT … FOR UPDATE) from the checks to the
   * commit, so two checkers deciding at the same instant are serialised: the second one sees the
   * level or the status the first one left. The final approval moves the row PENDING → EXECUTING with
   * a conditional update in that same transaction, and only the caller whose update matched runs the
   * operation, after the commit (the operation opens its own transactions).
   */
  private async decide(id: string, decision: ApprovalDecisionType, text: string | null): Promise<PendingOperation> {
    const actor = requireActor();
    const outcome = await this.dataSource.transaction(async (em): Promise<DecisionOutcome> => {
      const operation = await em
        .getRepository(PendingOperation)
        .createQueryBuilder('op')
        .addSelect('op.payload')
        .where('op.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!operation) throw notFound('core.approvals.errors.notFound');
      if (operation.status !== PendingOperationStatus.PENDING) throw conflict('core.approvals.errors.notPending', { status: operation.status });
      if (operation.makerId && operation.makerId === actor.userId) throw forbidden('core.approvals.errors.ownOperation');
      if (!isWithinScope(operation, actor)) throw notFound('core.approvals.errors.notFound');
      const level = operation.levels[operation.currentLevel - 1];
      if (!level) throw new Error(`pending operation ${id} is at level ${operation.currentLevel} of ${operation.levels.length}`);
      const roles = rolesForLevel(level, actor.roles);
      if (!roles.length) throw forbidden('core.approvals.errors.roleRequired', { roles: level.roles.join(', ') });
      const decisions = await em.getRepository(ApprovalDecision).findBy({ operationId: id, level: operation.currentLevel });
      if (decisions.some((d) => d.userId === actor.userId)) throw conflict('core.approvals.errors.alreadyDecided');
      if (decision === ApprovalDecisionType.APPROVE && operation.currentLevel > 1) {
        const [{ earlier }]: { earlier: boolean }[] = await em.query(
          `SELECT EXISTS (SELECT 1 FROM core.approval_decision WHERE operation_id = $1 AND user_id = $2 AND level < $3 AND decision = 'APPROVE') AS earlier`,
          [id, actor.userId, operation.currentLevel],
        );
        if (earlier) throw conflict('core.approvals.errors.approvedEarlierLevel');
      }
      await this.recordDecision(em, { operationId: id, level: operation.currentLevel, userId: actor.userId, username: actor.username, roles, decision, comment: text });
      await this.audit.record(em, {
        action: decision,
        entityType: 'PendingOperation',
        entityId: id,
        details: { operation: operation.operation, level: operation.currentLevel, roles, comment: text },
      });
      if (decision === ApprovalDecisionType.REJECT) {
        await this.transition(em, id, `status = 'REJECTED', reject_reason = $2`, [text]);
        return { execute: false };
      }
      const approvals = [...decisions.filter((d) => d.decision === ApprovalDecisionType.APPROVE), { userId: actor.userId, roles }];
      if (!isLevelSatisfied(level, approvals)) return { execute: false };
      if (operation.currentLevel < operation.levels.length) {
        await this.transition(em, id, 'current_level = current_level + 1', []);
        return { execute: false };
      }
      // the job row is written in this transaction: EXECUTING without its job cannot exist
      const job = await this.jobs.enqueue(APPROVALS_QUEUE, operation.operation, { operationId: id } satisfies ApprovalJobPayload, { manager: em, createdBy: actor.userId });
      await this.transition(em, id, `status = 'EXECUTING', job_id = $2`, [job.id]);
      return { execute: true, jobId: job.id };
    });
    // the checker gets the outcome when it comes quickly, EXECUTING otherwise (the maker reads it later)
    if (outcome.execute) await this.jobs.waitFor(outcome.jobId, EXECUTION_WAIT_MS);
    return (await this.findById(id)) as PendingOperation;
  }

  private async recordDecision(em: EntityManager, values: Omit<ApprovalDecision, 'id' | 'decidedAt'>): Promise<void> {
    try {
      await em.getRepository(ApprovalDecision).save(em.getRepository(ApprovalDecision).create(values));
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') throw conflict('core.approvals.errors.alreadyDecided');
      throw error;
    }
  }

  /** A conditional update of a PENDING row; under the row lock it always matches. */
  private async transition(em: EntityManager, id: string, set: string, params: unknown[]): Promise<void> {
    const [rows] = await em.query(
      `UPDATE core.pending_operation SET ${set}, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id, ...params],
    );
    if (!rows.length) throw new Error(`pending operation ${id} changed while locked`);
  }

  /**
   * Runs an approved operation, from its `core.approvals` job. What is guaranteed:
   *
   * - never lost: the job is written in the transaction that makes the row EXECUTING, and a job
   *   whose process dies is taken over once its lease expires (JobRunner.recoverExpired);
   * - never run twice: before the operation's method is called, a checkpoint is committed on the job;
   *   an attempt that finds it (the previous one died after calling the method, with its effects
   *   possibly committed) does not call it again: the operation is FAILED with "interrupted during
   *   execution, verify its effects". An attempt interrupted before that point is simply resumed.
   * - The operation's own writes and the EXECUTED status are not one transaction (the method opens
   *   its own): a crash between them leaves the effects in place and the request FAILED as above.
   *
   * Before running, the payload must still match its hash and pass validation again, and the maker
   * must still be active and hold the operation's permissions now (their current roles and areas,
   * not those stored with the request). The outcome is stored, EXECUTED or FAILED; never thrown.
   */
  async executeApproved(job: JobContext<ApprovalJobPayload, ApprovalJobCheckpoint>): Promise<{ status: PendingOperationStatus }> {
    const operation = await this.dataSource
      .getRepository(PendingOperation)
      .createQueryBuilder('op')
      .addSelect('op.payload')
      .where('op.id = :id', { id: job.payload.operationId })
      .getOne();
    if (!operation) return { status: PendingOperationStatus.FAILED };
    if (operation.status !== PendingOperationStatus.EXECUTING) return { status: operation.status };
    if (job.checkpoint?.started) {
      this.logger.warn({ pendingOperationId: operation.id, operation: operation.operation, jobId: job.id }, 'approved operation interrupted during execution: not run again');
      await this.store(operation.id, PendingOperationStatus.FAILED, null, { code: 'CONFLICT', messageKey: 'core.approvals.errors.interrupted' });
      return { status: PendingOperationStatus.FAILED };
    }
    let status = PendingOperationStatus.EXECUTED;
    let result: unknown = null;
    let error: StoredError | null = null;
    try {
      const entry = this.registry.get(operation.operation);
      if (!entry) throw conflict('core.approvals.errors.operationUnavailable', { operation: operation.operation });
      if (payloadHash(operation.payload) !== operation.payloadHash) throw conflict('core.approvals.errors.payloadTampered');
      const maker = await this.currentMaker(operation, entry.method);
      const current = RequestContext.current() ?? RequestContext.system();
      const returned = await RequestContext.run({ ...current, actor: maker }, async () => {
        const args = await this.registry.argumentsFor(entry, operation.payload, graphqlContextFor(maker, current.requestId));
        // from here on the operation may write: an attempt that finds this mark must not run it again
        await job.saveCheckpoint({ started: true });
        return approvalScope.run({ executing: operation.operation }, () => entry.method.apply(entry.instance, args));
      });
      result = toPlainJson(returned);
    } catch (caught) {
      // another process holds the job now: it decides
      if (caught instanceof JobLeaseLostError) throw caught;
      status = PendingOperationStatus.FAILED;
      error = storedError(caught);
      if (!(caught instanceof AppError)) this.logger.error({ err: caught, pendingOperationId: operation.id, operation: operation.operation }, 'approved operation failed');
    }
    await this.store(operation.id, status, result, error);
    return { status };
  }

  /** The job of an approved operation gave up (its attempts were all interrupted): the request fails, to be verified. */
  async executionAbandoned(operationId: string): Promise<void> {
    await this.store(operationId, PendingOperationStatus.FAILED, null, { code: 'CONFLICT', messageKey: 'core.approvals.errors.interrupted' });
  }

  private async store(id: string, status: PendingOperationStatus, result: unknown, error: StoredError | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE core.pending_operation SET status = $2::varchar, result = $3::jsonb, error = $4, updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'EXECUTING'`,
      [id, status, JSON.stringify(result), error ? JSON.stringify(error) : null],
    );
  }

  /**
   * The maker as they are now: an inactive (disabled) or deleted account, or one that no longer holds
   * the operation's permissions, stops the operation. Runs with the maker's current roles and areas.
   */
  private async currentMaker(operation: PendingOperation, method: (...args: unknown[]) => unknown): Promise<Actor | null> {
    if (!operation.makerId) return null;
    const maker = await this.actors.forUserId(operation.makerId);
    if (!maker || !maker.isActive) throw forbidden('core.approvals.errors.makerInactive');
    const required = (Reflect.getMetadata(REQUIRED_PERMISSIONS, method) as string[] | undefined) ?? [];
    if (!hasPermissions(maker, required)) throw forbidden('core.approvals.errors.makerPermissionLost', { permissions: required.join(', ') });
    // the operation runs in a job, not in one of the maker's sessions
    return { userId: maker.userId, username: maker.username, sessionId: null, roles: maker.roles, permissions: maker.permissions, areaPaths: maker.areaPaths };
  }
}

function requireActor(): Actor {
  const actor = RequestContext.actor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'core.approvals.errors.notAuthenticated');
  return actor;
}

/** The GraphQL context an approved operation runs with: the maker as `req.user`, as the identity layer sets it. */
function graphqlContextFor(actor: Actor | null, requestId = 'approval'): Record<string, unknown> {
  return { req: { id: requestId, headers: {}, user: actor ?? undefined }, res: undefined, loaders: new RequestLoaders() };
}

function storedError(error: unknown): StoredError {
  if (error instanceof AppError) {
    return { code: error.code, messageKey: error.messageKey, args: error.args, fieldErrors: error.fieldErrors };
  }
  return { code: 'INTERNAL_SERVER_ERROR', messageKey: 'core.approvals.errors.executionFailed' };
}

function normalizeLevels(levels: SaveApprovalFlowInput['levels']): ApprovalLevel[] {
  if (!levels.length) throw invalidField('levels', 'core.approvals.errors.levelsRequired', { max: MAX_APPROVAL_LEVELS });
  return levels.map((level, index) => {
    const field = `levels.${index}`;
    if (!level.roles.length) throw invalidField(`${field}.roles`, 'core.approvals.errors.rolesRequired');
    const duplicate = level.roles.find((role, i) => level.roles.indexOf(role) !== i);
    if (duplicate) throw invalidField(`${field}.roles`, 'core.approvals.errors.duplicateRole', { role: duplicate });
    const required = level.required ?? null;
    if (level.policy === ApprovalPolicy.N && required === null) throw invalidField(`${field}.required`, 'core.approvals.errors.requiredMissing', { max: MAX_REQUIRED_APPROVERS });
    if (level.policy !== ApprovalPolicy.N && required !== null) throw invalidField(`${field}.required`, 'core.approvals.errors.requiredOnlyForN');
    return { roles: [...level.roles], policy: level.policy, required };
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Whether a pending operation lies within the actor's areas: always for an unrestricted actor; for a restricted one,
 * only when its maker was restricted to areas inside theirs (an unrestricted maker's request may touch any area).
 */
function isWithinScope(operation: PendingOperation, actor: Actor): boolean {
  if (!actor.areaPaths) return true;
  const makerPaths = operation.makerActor?.areaPaths;
  if (!makerPaths?.length) return false;
  return makerPaths.every((path) => actor.areaPaths!.some((prefix) => path.startsWith(prefix)));
}
