import { generateGeography } from '@coremis/synthetic';
import type { DataSource } from 'typeorm';
import { writeAdminAreas } from '../import/admin-area-import.writer';

/** Seeds the demo levels and hierarchy from the synthetic population generator, once. */
export const geoDemoSeeder = {
  async seed(dataSource: DataSource): Promise<void> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM geo.admin_area');
    if (count > 0) return;
    const { levels, areas } = generateGeography();
    await dataSource.transaction(async (em) => {
      for (const level of levels) {
        await em.query(
          `INSERT INTO geo.admin_level (depth, code, name_en, name_fr, name_pt) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (depth) DO NOTHING`,
          [level.depth, level.code, level.nameEn, level.nameFr, level.namePt],
        );
      }
      const known = await em.query('SELECT id, code, depth FROM geo.admin_level');
      const rows = areas.map((a, i) => ({ line: i + 2, level: a.level, code: a.code, parentCode: a.parentCode, nameEn: a.nameEn, nameFr: a.nameFr, namePt: a.namePt }));
      await writeAdminAreas(em, rows, known, async () => undefined);
    });
  },
};
