import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** Coefficients of a programme's formulas for one area and the areas below it (`coef.<name>` in a formula). */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'area_coefficient' })
export class AreaCoefficientSet extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => GraphQLJSON, { description: 'Name → number; a name missing here is inherited from the nearest area above that sets it.' })
  @Column({ type: 'jsonb' })
  coefficients: Record<string, number>;
}
