import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import { CyclesArgs, CreateCycleInput, UpdateCycleInput } from './dto/cycle.inputs';
import { CycleConnection } from './dto/cycle.models';
import { Cycle } from './entities/cycle.entity';
import { CycleService } from './cycle.service';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Cycle)
export class CycleResolver {
  constructor(private readonly service: CycleService) {}

  @Query(() => CycleConnection)
  @RequirePermissions('payment.view')
  async cycles(@Args() args: CyclesArgs): Promise<CycleConnection> {
    return (await this.service.list(args)) as CycleConnection;
  }

  @Query(() => Cycle, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('payment.view')
  cycle(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Cycle | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Cycle)
  @RequirePermissions('payment.manage')
  createCycle(@Args('input') input: CreateCycleInput): Promise<Cycle> {
    return this.service.create(input);
  }

  @Mutation(() => Cycle)
  @RequirePermissions('payment.manage')
  updateCycle(@Args('input') input: UpdateCycleInput): Promise<Cycle> {
    return this.service.update(input);
  }
}
