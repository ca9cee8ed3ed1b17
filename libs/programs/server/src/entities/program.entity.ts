import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { BenefitBasis, BenefitKind, ProgramStatus, TargetUnit } from '../programs-vocabulary';

export const numericColumn = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@ObjectType({ description: 'A text in each language of the platform; English is required.' })
export class LocalizedText {
  @Field()
  en: string;

  @Field(() => String, { nullable: true })
  fr?: string | null;

  @Field(() => String, { nullable: true })
  pt?: string | null;
}

@ObjectType({ description: 'A benefit the programme offers (paid by a later module).' })
export class ProgramBenefit {
  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field()
  label: string;

  @Field(() => Float, { nullable: true, description: 'Amount in the programme currency (CASH) or units (GOODS), per household or per member.' })
  amount: number | null;

  @Field(() => BenefitBasis)
  basis: BenefitBasis;
}

@ObjectType()
@Audited()
@Entity({ schema: 'programs', name: 'program' })
export class Program extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field(() => LocalizedText)
  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => TargetUnit)
  @Column({ name: 'target_unit', type: 'varchar', length: 20 })
  targetUnit: TargetUnit;

  /** Ids of the admin areas the programme covers (their paths are in `coveragePaths`). */
  @Field(() => [ID])
  @Column({ name: 'coverage_area_ids', type: 'uuid', array: true })
  coverageAreaIds: string[];

  /** Materialised paths of the coverage areas: the geographic scope and the coverage checks use them. */
  @Column({ name: 'coverage_paths', type: 'text', array: true })
  coveragePaths: string[];

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true, transformer: numericColumn })
  budget: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code.' })
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'max_beneficiaries', type: 'integer', nullable: true })
  maxBeneficiaries: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Field(() => ProgramStatus)
  @Column({ type: 'varchar', length: 20, default: ProgramStatus.DRAFT })
  status: ProgramStatus;

  @Field(() => [ProgramBenefit])
  @Column({ type: 'jsonb', default: () => `'[]'` })
  benefits: ProgramBenefit[];
}
