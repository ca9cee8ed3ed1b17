import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A tier of the administrative hierarchy: country (depth 0), province, district, village… */
@ObjectType()
@Audited()
@Entity({ schema: 'geo', name: 'admin_level' })
export class AdminLevel extends CoreEntity {
  @Field(() => Int)
  @Column({ type: 'int', unique: true })
  depth: number;

  @Field()
  @Column({ type: 'varchar', length: 50, unique: true })
  code: string;

  @Field()
  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_fr', type: 'varchar', length: 200, nullable: true })
  nameFr: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_pt', type: 'varchar', length: 200, nullable: true })
  namePt: string | null;
}
