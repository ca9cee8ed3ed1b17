import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { Audited } from '../../audit/audited.decorator';
import { CoreEntity } from '../../database/base.entity';

/** A named set of permission codes; `*` grants every permission of the enabled modules. */
@ObjectType()
@Audited()
@Entity({ schema: 'core', name: 'role' })
export class Role extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: '{}' })
  permissions: string[];

  @Field({ description: 'Users with this role must log in with a second factor (TOTP).' })
  @Column({ name: 'require_two_factor', default: false })
  requireTwoFactor: boolean;
}
