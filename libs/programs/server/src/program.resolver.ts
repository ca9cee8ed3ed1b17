import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, CacheableQuery, RequirePermissions, UuidPipe } from '@coremis/core';
import { CreateProgramInput, ProgramsArgs, ProgramStatusInput, UpdateProgramInput } from './dto/program.inputs';
import { ProgramConnection } from './dto/program.models';
import { Program } from './entities/program.entity';
import { ProgramService } from './program.service';
import { ProgramStatus } from './programs-vocabulary';

/** Root operations only: each declares its permission; the service applies the geographic scope. */
@Resolver(() => Program)
export class ProgramResolver {
  constructor(private readonly service: ProgramService) {}

  @Query(() => ProgramConnection)
  @CacheableQuery()
  @RequirePermissions('programs.view')
  async programs(@Args() args: ProgramsArgs): Promise<ProgramConnection> {
    return (await this.service.list(args)) as ProgramConnection;
  }

  @Query(() => Program, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @CacheableQuery()
  @RequirePermissions('programs.view')
  program(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Program | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Program)
  @RequirePermissions('programs.manage')
  createProgram(@Args('input') input: CreateProgramInput): Promise<Program> {
    return this.service.create(input);
  }

  @Mutation(() => Program)
  @RequirePermissions('programs.manage')
  updateProgram(@Args('input') input: UpdateProgramInput): Promise<Program> {
    return this.service.update(input);
  }

  @Mutation(() => Program, { description: 'DRAFT to ACTIVE; may be held for approval.' })
  @RequirePermissions('programs.manage')
  @ApprovableOperation('programs.programs.activate')
  activateProgram(@Args('input') input: ProgramStatusInput): Promise<Program> {
    return this.service.changeStatus(input, ProgramStatus.ACTIVE);
  }

  @Mutation(() => Program, { description: 'ACTIVE to CLOSED; may be held for approval.' })
  @RequirePermissions('programs.manage')
  @ApprovableOperation('programs.programs.close')
  closeProgram(@Args('input') input: ProgramStatusInput): Promise<Program> {
    return this.service.changeStatus(input, ProgramStatus.CLOSED);
  }
}
