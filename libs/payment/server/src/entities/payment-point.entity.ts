import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { PaymentPointType } from '../payment-vocabulary';

const numeric = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@ObjectType()
@Audited()
@Entity({ schema: 'payment', name: 'payment_point' })
export class PaymentPoint extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => PaymentPointType)
  @Column({ type: 'varchar', length: 20 })
  type: PaymentPointType;

  @Field(() => ID)
  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  longitude: number | null;

  @Field(() => [ID])
  @Column({ name: 'staff_user_ids', type: 'uuid', array: true })
  staffUserIds: string[];

  @Field(() => [String], { description: 'MON..SUN' })
  @Column({ name: 'opening_days', type: 'text', array: true })
  openingDays: string[];

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
