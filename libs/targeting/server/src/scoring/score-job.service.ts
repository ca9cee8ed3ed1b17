import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, AuditService, conflict, type Job, JobCancelledError, type JobContext, JobService, notFound, RequestContext } from '@coremis/core';
import { ProgramService } from '@coremis/programs';
import type { DataSource, EntityManager } from 'typeorm';
import { Formula, FormulaKind } from '../entities/formula.entity';
import { FormulaService, HOUSEHOLDS_IN_SCOPE } from '../formula.service';
import { scoreBatchSql } from './score-batch.sql';

export const SCORE_QUEUE = 'targeting.score';
const DEFAULT_BATCH = 20_000;

/** What a scoring job needs: the formula version it started with, so an edit during the run changes nothing. */
export interface ScorePayload extends Record<string, unknown> {
  formulaId: string;
  programId: string;
  formulaVersion: number;
  source: string;
  coveragePaths: string[];
}

export interface ScoreCheckpoint extends Record<string, unknown> {
  /** Last household id scored (keyset): a run taken over after a crash starts after it. */
  lastId: string | null;
  total: number;
  done: number;
  scored: number;
  errors: number;
  finished?: boolean;
}

export interface ScoreJobResult extends Record<string, unknown> {
  formulaId: string;
  formulaVersion: number;
  scored: number;
  errors: number;
}

function batchSize(): number {
  const n = Number(process.env['TARGETING_SCORE_BATCH'] ?? DEFAULT_BATCH);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_BATCH;
}

/**
 * Scoring as a durable job: the programme's households in the requester's areas, in keyset batches of one
 * set-based INSERT ... ON CONFLICT each, every batch committing with its checkpoint so that a run taken over
 * after a crash resumes after the last committed batch and never scores a household twice. A household the
 * formula cannot score gets a NULL score and the text of the first term that fails.
 */
@Injectable()
export class ScoreJobService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly formulas: FormulaService,
    private readonly programs: ProgramService,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
  ) {}

  /** Checks the formula and queues the job; a second start while one is queued or running is refused. */
  async start(formulaId: string): Promise<Job> {
    return this.dataSource.transaction(async (em) => {
      const formula = await em.getRepository(Formula).createQueryBuilder('f').where('f.id = :id', { id: formulaId }).setLock('pessimistic_write').getOne();
      const program = formula ? await this.programs.findById(formula.programId, em) : null;
      if (!formula || !program) throw notFound('targeting.errors.notFound');
      if (formula.kind !== FormulaKind.SCORE) throw new AppError('BAD_USER_INPUT', 'targeting.errors.notScore', {});
      // compiles now: a formula that no longer type-checks (a field removed since) is refused before queuing
      this.formulas.compileOrThrow(await this.formulas.catalogue(em, program.id), formula.source, formula.kind);
      const [open] = (await em.query(`SELECT id FROM core.job WHERE queue = $1 AND status IN ('QUEUED', 'RUNNING') AND payload ->> 'formulaId' = $2 LIMIT 1`, [SCORE_QUEUE, formula.id])) as { id: string }[];
      if (open) throw conflict('targeting.errors.scoringRunning', { code: formula.code });
      const payload: ScorePayload = { formulaId: formula.id, programId: program.id, formulaVersion: formula.currentVersion, source: formula.source, coveragePaths: program.coveragePaths };
      const job = await this.jobs.enqueue(SCORE_QUEUE, 'score', payload, { createdBy: RequestContext.actor()?.userId ?? null, manager: em });
      await this.audit.record(em, { action: 'UPDATE', entityType: 'HouseholdScore', entityId: formula.id, details: { operation: 'startScoring', jobId: job.id, programId: program.id, formulaVersion: formula.currentVersion } });
      return job;
    });
  }

  /** The job's work (worker, or in-process without Redis), as the requesting user and in their areas. */
  async run(job: JobContext<ScorePayload, ScoreCheckpoint>): Promise<ScoreJobResult> {
    const p = job.payload;
    const scopePaths = RequestContext.actor()?.areaPaths ?? null;
    const compiled = this.formulas.compileOrThrow(await this.formulas.catalogue(undefined, p.programId), p.source, FormulaKind.SCORE, true, 6);
    let state: ScoreCheckpoint = job.checkpoint ?? {
      lastId: null,
      // progress counts the households read (the batches walk the whole table by id, keeping those in scope)
      total: ((await this.dataSource.query(`SELECT count(*)::int AS n FROM registry.household`)) as { n: number }[])[0].n,
      done: 0,
      scored: 0,
      errors: 0,
    };
    const size = batchSize();
    const statement = scoreBatchSql(compiled, HOUSEHOLDS_IN_SCOPE);
    while (!state.finished) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const before = state;
      state = await this.dataSource.transaction(async (em) => {
        // each batch is one large expression over 20,000 households: JIT would compile it again for every batch,
        // and its compile time on such expressions (0.17-0.43 s, seen on the criteria count at 1,000,000 people)
        // is more than it saves on 20,000 rows
        await em.query(`SET LOCAL jit = off`);
        const params = [p.coveragePaths, scopePaths, p.formulaId, p.formulaVersion, before.lastId, size, ...compiled.params, ...statement.extraParams(job.id)];
        const next = await this.batch(em, statement.sql, params, before, size);
        await job.saveCheckpoint(next, em);
        return next;
      });
      await job.updateProgress(state.total ? Math.min(1, state.done / state.total) : 1);
    }
    // a run rewrites up to every household's score of this formula: without fresh statistics the planner takes the new
    // formula for one with no scores, and the stage and enrolment statements joining them go from seconds to hours
    // (seen at 1,000,000 people: a nested loop over a materialised scan of every score, per household)
    await this.dataSource.query('ANALYZE targeting.household_score');
    const result: ScoreJobResult = { formulaId: p.formulaId, formulaVersion: p.formulaVersion, scored: state.scored, errors: state.errors };
    await this.audit.record(this.dataSource.manager, { action: 'UPDATE', entityType: 'HouseholdScore', entityId: p.formulaId, details: { operation: 'score', jobId: job.id, programId: p.programId, ...result } });
    return result;
  }

  /** One batch, in the caller's transaction (the checkpoint commits with it). */
  async batch(em: EntityManager, statement: string, params: unknown[], state: ScoreCheckpoint, size: number): Promise<ScoreCheckpoint> {
    const [row] = (await em.query(statement, params)) as { scanned: number; n: number; errors: number; last_id: string | null }[];
    return {
      lastId: row.last_id ?? state.lastId,
      total: state.total,
      done: state.done + row.scanned,
      scored: state.scored + row.n,
      errors: state.errors + row.errors,
      finished: row.scanned < size,
    };
  }
}
