import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type GraphqlContext, groupByKeys, Job, RequirePermissions, UuidPipe } from '@coremis/core';
import { CriteriaSource, CriteriaSourceInput } from './dto/criteria.inputs';
import { FormulasArgs, PreviewFormulaInput, SaveFormulaInput, ValidateFormulaInput } from './dto/formula.inputs';
import { FormulaConnection, FormulaPreview, FormulaValidation, FormulaVariable, ScoringErrors } from './dto/formula.models';
import { Formula, FormulaVersion } from './entities/formula.entity';
import { FormulaService } from './formula.service';
import { ScoreJobService } from './scoring/score-job.service';

/** Root operations only: each declares its permission; the service applies the programme's scope. */
@Resolver(() => Formula)
export class FormulaResolver {
  constructor(
    private readonly service: FormulaService,
    private readonly scoring: ScoreJobService,
  ) {}

  @Query(() => FormulaConnection)
  @RequirePermissions('targeting.view')
  async formulas(@Args() args: FormulasArgs): Promise<FormulaConnection> {
    return (await this.service.list(args)) as FormulaConnection;
  }

  @Query(() => Formula, { nullable: true, description: 'Null when it does not exist or its programme is outside the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  formula(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Formula | null> {
    return this.service.findById(id);
  }

  @Query(() => [FormulaVariable], { description: 'What a formula may read, with types (household, member and extra fields).' })
  @RequirePermissions('targeting.view')
  formulaVariables(): Promise<FormulaVariable[]> {
    return this.service.variables();
  }

  @Query(() => FormulaValidation, { description: 'Parses and type-checks a formula: the editor calls it as the user types.' })
  @RequirePermissions('targeting.view')
  validateFormula(@Args('input') input: ValidateFormulaInput): Promise<FormulaValidation> {
    return this.service.validate(input);
  }

  @Query(() => CriteriaSource, { description: 'The criteria builder\'s groups written as a CEL criterion (validate and preview it as a CRITERIA formula), or the condition at fault.' })
  @RequirePermissions('targeting.view')
  criteriaSource(@Args('input') input: CriteriaSourceInput): Promise<CriteriaSource> {
    return this.service.criteriaSource(input);
  }

  @Query(() => FormulaPreview, { description: 'Count passing, score histogram and a sample with each term, on the programme\'s households in the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  previewFormula(@Args('input') input: PreviewFormulaInput): Promise<FormulaPreview> {
    return this.service.preview(input);
  }

  @Mutation(() => Formula, { description: 'Creates a formula or saves a new version of it.' })
  @RequirePermissions('targeting.manage')
  saveFormula(@Args('input') input: SaveFormulaInput): Promise<Formula> {
    return this.service.save(input);
  }

  @Mutation(() => Job, { description: 'Scores the programme\'s households in the caller\'s areas with the formula\'s current version, as a background job (progress on the job).' })
  @RequirePermissions('targeting.manage')
  scoreHouseholds(@Args('formulaId', { type: () => ID }, UuidPipe) formulaId: string): Promise<Job> {
    return this.scoring.start(formulaId);
  }

  @Query(() => ScoringErrors, { description: 'Households the formula could not score, with the failing term, in the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  scoringErrors(@Args('formulaId', { type: () => ID }, UuidPipe) formulaId: string, @Args('first', { type: () => Int, defaultValue: 50 }) first: number): Promise<ScoringErrors> {
    return this.service.scoringErrors(formulaId, Math.max(1, Math.min(500, first)));
  }

  @ResolveField(() => [FormulaVersion], { description: 'Newest first.' })
  versions(formula: Formula, _args: unknown, ctx: GraphqlContext): Promise<FormulaVersion[]> {
    // one statement for the versions of a whole list page (it was one per formula)
    return ctx.loaders.get<string, FormulaVersion[]>('targeting.versionsByFormula', async (ids) => groupByKeys(ids, await this.service.versionsOf(ids), (v) => v.formulaId)).load(formula.id);
  }
}
