import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import { FormulasArgs, CreateFormulaInput, UpdateFormulaInput } from './dto/formula.inputs';
import { FormulaConnection } from './dto/formula.models';
import { Formula } from './entities/formula.entity';
import { FormulaService } from './formula.service';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Formula)
export class FormulaResolver {
  constructor(private readonly service: FormulaService) {}

  @Query(() => FormulaConnection)
  @RequirePermissions('targeting.view')
  async formulas(@Args() args: FormulasArgs): Promise<FormulaConnection> {
    return (await this.service.list(args)) as FormulaConnection;
  }

  @Query(() => Formula, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  formula(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Formula | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Formula)
  @RequirePermissions('targeting.manage')
  createFormula(@Args('input') input: CreateFormulaInput): Promise<Formula> {
    return this.service.create(input);
  }

  @Mutation(() => Formula)
  @RequirePermissions('targeting.manage')
  updateFormula(@Args('input') input: UpdateFormulaInput): Promise<Formula> {
    return this.service.update(input);
  }
}
