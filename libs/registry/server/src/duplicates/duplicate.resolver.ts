import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovableOperation, decodeCursor, encodeCursor, type GraphqlContext, indexByKeys, Job, JobService, JobStatus, RequestContext, RequirePermissions, UuidPipe } from '@coremis/core';
import { type DataSource, In } from 'typeorm';
import { DuplicateCandidateConnection } from '../dto/registry.models';
import { DuplicateCandidate } from '../entities/duplicate-candidate.entity';
import { Individual } from '../entities/individual.entity';
import { IndividualService } from '../individual.service';
import { DUPLICATE_DETECTION_QUEUE } from './duplicate-detection.processor';
import { DuplicateDetectionService } from './duplicate-detection.service';
import { type DuplicateDecision, DuplicateMergeService } from './duplicate-merge.service';
import { MODEL_FIELDS, type ModelField, weightOf } from './duplicate-model';
import { DecideDuplicateInput, DuplicateCandidatesArgs, DuplicateModelInfo, DuplicateSettingsModel, SaveDuplicateSettingsInput } from './duplicate.inputs';

@Resolver(() => DuplicateCandidate)
export class DuplicateResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly detection: DuplicateDetectionService,
    private readonly merges: DuplicateMergeService,
    private readonly individuals: IndividualService,
    private readonly jobs: JobService,
  ) {}

  @Query(() => DuplicateCandidateConnection, { description: 'Candidate pairs in the caller’s areas, highest score first.' })
  @RequirePermissions('registry.duplicates.review')
  async duplicateCandidates(@Args() args: DuplicateCandidatesArgs): Promise<DuplicateCandidateConnection> {
    const query = this.merges.scoped().andWhere('c.status = :status', { status: args.status });
    const countQuery = query.clone();
    if (args.after) {
      const [score, id] = decodeCursor(args.after, ['numeric', 'uuid']);
      query.andWhere('(c.score < :cursorScore::numeric OR (c.score = :cursorScore::numeric AND c.id > :cursorId::uuid))', { cursorScore: String(score), cursorId: String(id) });
    }
    // (status, score DESC, id) is the order of duplicate_candidate_status_idx
    const rows = await query.orderBy('c.score', 'DESC').addOrderBy('c.id', 'ASC').limit(args.first + 1).getMany();
    const page = rows.slice(0, args.first);
    const edges = page.map((node) => ({ node, cursor: encodeCursor([node.score, node.id]) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > args.first, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      get totalCount() {
        return countQuery.getCount();
      },
    } as DuplicateCandidateConnection;
  }

  @Query(() => DuplicateCandidate, { nullable: true })
  @RequirePermissions('registry.duplicates.review')
  duplicateCandidate(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<DuplicateCandidate | null> {
    return this.merges.scoped().andWhere('c.id = :id', { id }).getOne();
  }

  @Query(() => DuplicateSettingsModel)
  @RequirePermissions('registry.duplicates.review')
  duplicateSettings(): Promise<DuplicateSettingsModel> {
    return this.detection.getSettings();
  }

  @Query(() => DuplicateModelInfo, { nullable: true, description: 'The model of the latest registry-wide detection (null before the first one): m, u and weights per level, expected precision and recall per threshold.' })
  @RequirePermissions('registry.duplicates.review')
  async duplicateModel(): Promise<DuplicateModelInfo | null> {
    const model = await this.detection.getModel();
    if (!model) return null;
    const fields = (Object.keys(MODEL_FIELDS) as ModelField[]).map((field) => ({
      field,
      levels: MODEL_FIELDS[field].map((level, i) => ({ level, m: model.params[field].m[i], u: model.params[field].u[i], weight: weightOf(model.params[field], i) })),
    }));
    const suggested = model.expected.find((e) => e.threshold >= 0.7 && e.precision >= 0.95);
    return { ...model, fields, suggestedThreshold: suggested?.threshold ?? null };
  }

  @Mutation(() => Job, { description: 'Looks for duplicates across the whole registry in the background (the detection already queued or running, if any).' })
  @RequirePermissions('registry.duplicates.review')
  async runDuplicateDetection(): Promise<Job> {
    const running = await this.dataSource.getRepository(Job).findOne({ where: { queue: DUPLICATE_DETECTION_QUEUE, status: In([JobStatus.QUEUED, JobStatus.RUNNING]) }, order: { createdAt: 'ASC' } });
    if (running) return running;
    return this.jobs.enqueue(DUPLICATE_DETECTION_QUEUE, 'detect', {}, { createdBy: RequestContext.actor()?.userId ?? null });
  }

  @Mutation(() => DuplicateCandidate, { description: 'Records a reviewer’s decision on a pair; DUPLICATE merges the pair into the survivor.' })
  @RequirePermissions('registry.duplicates.review')
  @ApprovableOperation('registry.duplicates.decide')
  decideDuplicate(@Args('input') input: DecideDuplicateInput): Promise<DuplicateCandidate> {
    return this.merges.decide(input.candidateId, input.decision as unknown as DuplicateDecision, input.survivorId ?? null, input.version ?? undefined);
  }

  @Mutation(() => DuplicateSettingsModel)
  @RequirePermissions('registry.duplicates.review')
  @ApprovableOperation('registry.duplicates.settings')
  saveDuplicateSettings(@Args('input') input: SaveDuplicateSettingsInput): Promise<DuplicateSettingsModel> {
    return this.detection.saveSettings(input);
  }

  @ResolveField(() => Individual, { nullable: true, description: 'Null when outside the caller’s areas.' })
  individualA(candidate: DuplicateCandidate, _args: unknown, ctx: GraphqlContext): Promise<Individual | null> {
    return this.individualLoader(ctx).load(candidate.individualAId);
  }

  @ResolveField(() => Individual, { nullable: true, description: 'Null when outside the caller’s areas.' })
  individualB(candidate: DuplicateCandidate, _args: unknown, ctx: GraphqlContext): Promise<Individual | null> {
    return this.individualLoader(ctx).load(candidate.individualBId);
  }

  private individualLoader(ctx: GraphqlContext) {
    return ctx.loaders.get<string, Individual | null>('registry.duplicates.individualById', async (ids) => indexByKeys(ids, await this.individuals.findByIds(ids), (i) => i.id));
  }
}
