import { Args, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLJSON, RequestContext, RequirePermissions, UuidPipe } from '@coremis/core';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { SavedSearch } from './entities/saved-search.entity';

@InputType()
export class SaveSearchInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field(() => GraphQLJSON, { description: 'The household list filter to remember.' })
  @IsObject()
  filter: Record<string, unknown>;
}

/** A user's own named searches of the household list. */
@Resolver(() => SavedSearch)
export class SavedSearchResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Query(() => [SavedSearch])
  @RequirePermissions('registry.view')
  savedSearches(): Promise<SavedSearch[]> {
    return this.dataSource.getRepository(SavedSearch).find({ where: { userId: RequestContext.actor()!.userId }, order: { name: 'ASC' } });
  }

  @Mutation(() => SavedSearch, { description: 'Saves (or replaces, by name) one of the caller’s searches.' })
  @RequirePermissions('registry.view')
  async saveSearch(@Args('input') input: SaveSearchInput): Promise<SavedSearch> {
    const userId = RequestContext.actor()!.userId;
    const repo = this.dataSource.getRepository(SavedSearch);
    const existing = await repo.findOneBy({ userId, name: input.name.trim() });
    return repo.save(Object.assign(existing ?? repo.create({ userId, name: input.name.trim() }), { filter: input.filter }));
  }

  @Mutation(() => Boolean)
  @RequirePermissions('registry.view')
  async deleteSavedSearch(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(SavedSearch).delete({ id, userId: RequestContext.actor()!.userId });
    return Boolean(result.affected);
  }
}
