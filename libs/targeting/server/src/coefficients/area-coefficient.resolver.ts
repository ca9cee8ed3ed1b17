import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import { AreaCoefficientSet } from '../entities/area-coefficient.entity';
import { SetAreaCoefficientsInput } from './area-coefficient.inputs';
import { AreaCoefficientService } from './area-coefficient.service';

@Resolver(() => AreaCoefficientSet)
export class AreaCoefficientResolver {
  constructor(private readonly service: AreaCoefficientService) {}

  @Query(() => [AreaCoefficientSet], { description: 'Per-area coefficient sets of a programme (empty when the programme is outside the caller\'s areas).' })
  @RequirePermissions('targeting.view')
  areaCoefficients(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<AreaCoefficientSet[]> {
    return this.service.list(programId);
  }

  @Mutation(() => AreaCoefficientSet, { nullable: true, description: 'Sets the coefficients of one area of the programme (null: the set was removed).' })
  @RequirePermissions('targeting.manage')
  setAreaCoefficients(@Args('input') input: SetAreaCoefficientsInput): Promise<AreaCoefficientSet | null> {
    return this.service.set(input);
  }
}
