import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '@coremis/core';
import { SaveAssignmentRuleInput, SaveCategoryInput } from './dto/ticket.inputs';
import { AssignmentRule } from './entities/assignment-rule.entity';
import { Category } from './entities/category.entity';
import { CategoryService } from './category.service';

@Resolver(() => Category)
export class CategoryResolver {
  constructor(private readonly service: CategoryService) {}

  @Query(() => [Category])
  @RequirePermissions('grm.view')
  grmCategories(): Promise<Category[]> {
    return this.service.list();
  }

  @Mutation(() => Category)
  @RequirePermissions('grm.categories.manage')
  saveGrmCategory(@Args('input') input: SaveCategoryInput): Promise<Category> {
    return this.service.save(input);
  }

  @Query(() => [AssignmentRule])
  @RequirePermissions('grm.categories.manage')
  grmAssignmentRules(): Promise<AssignmentRule[]> {
    return this.service.rules();
  }

  @Mutation(() => AssignmentRule)
  @RequirePermissions('grm.categories.manage')
  saveGrmAssignmentRule(@Args('input') input: SaveAssignmentRuleInput): Promise<AssignmentRule> {
    return this.service.saveRule(input);
  }
}
