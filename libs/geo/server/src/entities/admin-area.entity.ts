import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** An administrative area. `path` lists the ids from the root down to the area ("/a/b/c/"). */
@ObjectType()
@Audited({ areaPathProperty: 'path' })
@Entity({ schema: 'geo', name: 'admin_area' })
export class AdminArea extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50, unique: true })
  code: string;

  @Column({ name: 'level_id', type: 'uuid' })
  levelId: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  path: string;

  @Field()
  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_fr', type: 'varchar', length: 200, nullable: true })
  nameFr: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_pt', type: 'varchar', length: 200, nullable: true })
  namePt: string | null;

  @Field()
  @Column({ name: 'is_active', default: true })
  isActive: boolean;

  /** Ids of the ancestors, root first. */
  ancestorIds(): string[] {
    return this.path.split('/').filter(Boolean).slice(0, -1);
  }
}
