import type { BeneficiarySelectionInput } from '../dto/beneficiary.inputs';

/**
 * The WHERE clause (over `programs.beneficiary b`) of a bulk selection, with its parameters numbered
 * from `$${offset + 1}`. `areaPath` is the resolved area of `selection.areaId`; `scopePaths` the acting
 * user's areas (null: unrestricted).
 */
export function beneficiarySelectionWhere(
  selection: Pick<BeneficiarySelectionInput, 'programId' | 'fromStatuses' | 'scoreMin' | 'scoreMax' | 'minYearsInProgramme'>,
  areaPath: string | null,
  scopePaths: string[] | null,
  offset = 0,
): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${offset + params.length}`;
  };
  const conditions = [`b.program_id = ${p(selection.programId)}::uuid`, `b.status = ANY(${p(selection.fromStatuses)}::text[])`];
  if (areaPath) conditions.push(`starts_with(b.area_path, ${p(areaPath)}::text)`);
  if (scopePaths) conditions.push(`EXISTS (SELECT 1 FROM unnest(${p(scopePaths)}::text[]) u WHERE starts_with(b.area_path, u))`);
  if (selection.scoreMin !== undefined && selection.scoreMin !== null) conditions.push(`b.score >= ${p(selection.scoreMin)}::numeric`);
  if (selection.scoreMax !== undefined && selection.scoreMax !== null) conditions.push(`b.score <= ${p(selection.scoreMax)}::numeric`);
  if (selection.minYearsInProgramme !== undefined && selection.minYearsInProgramme !== null) {
    conditions.push(`b.enrolled_on <= current_date - make_interval(years => ${p(selection.minYearsInProgramme)}::int)`);
  }
  return { where: conditions.join(' AND '), params };
}
