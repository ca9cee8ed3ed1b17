import { Args, Field, InputType, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovableOperation, conflict, GraphQLJSON, invalidField, RequirePermissions } from '@coremis/core';
import { IsIn, IsInt, IsObject, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { VocabularyEntry } from './dto/registry.models';
import { FieldSchema } from './entities/registry-settings.entities';
import { ExtraFieldsService } from './extra-fields.service';
import { VOCABULARY } from './registry-vocabulary';

@InputType()
export class SaveFieldSchemaInput {
  @Field({ description: 'HOUSEHOLD or INDIVIDUAL' })
  @IsIn(['HOUSEHOLD', 'INDIVIDUAL'])
  entity: 'HOUSEHOLD' | 'INDIVIDUAL';

  @Field(() => GraphQLJSON, { description: 'A JSON Schema of type "object"; its properties are the extra fields.' })
  @IsObject()
  schema: Record<string, unknown>;

  @Field(() => Int, { description: 'The version read (0 when none was saved yet); a stale one is refused.' })
  @IsInt()
  @Min(0)
  version: number;
}

@Resolver(() => FieldSchema)
export class FieldSchemaResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly extraFields: ExtraFieldsService,
  ) {}

  @Query(() => FieldSchema, { description: 'The JSON Schema of the extra fields of households or individuals.' })
  @RequirePermissions('registry.view')
  fieldSchema(@Args('entity') entity: string): Promise<FieldSchema> {
    if (entity !== 'HOUSEHOLD' && entity !== 'INDIVIDUAL') throw invalidField('entity', 'registry.errors.unknownEntity');
    return this.extraFields.schemaOf(entity);
  }

  @Query(() => [VocabularyEntry], { description: 'The values accepted by the coded fields (dwelling, person, documents).' })
  @RequirePermissions('registry.view')
  registryVocabulary(): VocabularyEntry[] {
    return Object.entries(VOCABULARY).map(([name, values]) => ({ name, values: [...values] }));
  }

  @Mutation(() => FieldSchema)
  @RequirePermissions('registry.schema.manage')
  @ApprovableOperation('registry.schema.save')
  async saveFieldSchema(@Args('input') input: SaveFieldSchemaInput): Promise<FieldSchema> {
    const problem = this.extraFields.compileCheck(input.schema);
    if (problem) throw invalidField('schema', problem.startsWith('registry.') ? problem : 'registry.errors.invalidSchema', { detail: problem });
    return this.dataSource.transaction(async (em) => {
      const current = await em.findOne(FieldSchema, { where: { entity: input.entity }, lock: { mode: 'pessimistic_write' } });
      if ((current?.version ?? 0) !== input.version) throw conflict('core.errors.staleVersion');
      const row = current ?? em.create(FieldSchema, { entity: input.entity });
      row.schema = input.schema;
      return em.save(row);
    });
  }
}
