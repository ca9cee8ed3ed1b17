import type { EntityManager } from 'typeorm';
import type { ImportRow, KnownLevel } from './admin-area-csv.validator';

/**
 * Writes validated rows set-based, level by level so that parents exist before their children:
 * one INSERT … ON CONFLICT per level over unnest()ed arrays, then one recursive update of paths.
 * Returns how many areas were created and updated.
 */
export async function writeAdminAreas(
  em: EntityManager,
  rows: ImportRow[],
  levels: KnownLevel[],
  onLevelDone: (done: number, total: number) => Promise<void>,
): Promise<{ created: number; updated: number }> {
  const levelByCode = new Map(levels.map((l) => [l.code.toLowerCase(), l]));
  const byDepth = new Map<number, ImportRow[]>();
  for (const row of rows) {
    const depth = levelByCode.get(row.level)!.depth;
    byDepth.set(depth, [...(byDepth.get(depth) ?? []), row]);
  }
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  let created = 0;
  let updated = 0;
  for (const [index, depth] of depths.entries()) {
    const batch = byDepth.get(depth)!;
    const levelId = levels.find((l) => l.depth === depth)!.id;
    const result: { inserted: boolean }[] = await em.query(
      `INSERT INTO geo.admin_area (code, level_id, parent_id, path, name_en, name_fr, name_pt)
       SELECT r.code, $1::uuid, parent.id, '', r.name_en, r.name_fr, r.name_pt
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(code, parent_code, name_en, name_fr, name_pt)
         LEFT JOIN geo.admin_area parent ON parent.code = r.parent_code
       ON CONFLICT (code) DO UPDATE SET
         parent_id = EXCLUDED.parent_id, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, name_pt = EXCLUDED.name_pt,
         is_active = true, updated_at = now(), version = geo.admin_area.version + 1
       WHERE (geo.admin_area.parent_id, geo.admin_area.name_en, geo.admin_area.name_fr, geo.admin_area.name_pt, geo.admin_area.is_active)
             IS DISTINCT FROM (EXCLUDED.parent_id, EXCLUDED.name_en, EXCLUDED.name_fr, EXCLUDED.name_pt, true)
       RETURNING (xmax = 0) AS inserted`,
      [
        levelId,
        batch.map((r) => r.code),
        batch.map((r) => r.parentCode),
        batch.map((r) => r.nameEn),
        batch.map((r) => r.nameFr),
        batch.map((r) => r.namePt),
      ],
    );
    for (const row of result) {
      if (row.inserted) created++;
      else updated++;
    }
    await onLevelDone(index + 1, depths.length);
  }
  await recomputePaths(em);
  return { created, updated };
}

/** Rebuilds the materialised paths of every area whose position in the tree changed. */
export async function recomputePaths(em: EntityManager): Promise<void> {
  await em.query(`
    WITH RECURSIVE tree AS (
      SELECT id, '/' || id || '/' AS path FROM geo.admin_area WHERE parent_id IS NULL
      UNION ALL
      SELECT child.id, tree.path || child.id || '/' FROM geo.admin_area child JOIN tree ON child.parent_id = tree.id
    )
    UPDATE geo.admin_area area SET path = tree.path FROM tree WHERE area.id = tree.id AND area.path IS DISTINCT FROM tree.path`);
}
