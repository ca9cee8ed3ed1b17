import { createHash } from 'node:crypto';
import { generateGeography, generatePopulation } from '@coremis/synthetic';
import type { DataSource } from 'typeorm';
import { placeholderPhoto } from './placeholder-photo';

const DEMO_INDIVIDUALS = 1400;

/**
 * A living demo registry: about three hundred households across the demo villages, from the same
 * generator as the benchmarks, with a placeholder photo for each head. Runs once.
 */
export const registryDemoSeeder = {
  async seed(dataSource: DataSource): Promise<void> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM registry.household');
    if (count > 0) return;
    const villages = generateGeography().areas.filter((a) => a.level === 'village');
    const areas: { id: string; code: string; path: string }[] = await dataSource.query('SELECT id, code, path FROM geo.admin_area WHERE code = ANY($1)', [villages.map((v) => v.code)]);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    const known = villages.filter((v) => byCode.has(v.code));
    if (!known.length) return;
    await dataSource.transaction(async (em) => {
      let hue = 0;
      for (const { household, members } of generatePopulation({ individuals: DEMO_INDIVIDUALS, villages: known, duplicateRate: 0, seed: 7 })) {
        const area = byCode.get(household.areaCode)!;
        // the code in the one format households get by hand and by import; the generator's code is the external id
        const [{ id: householdId }] = await em.query(
          `INSERT INTO registry.household (code, external_id, area_id, area_path, latitude, longitude, rooms, wall_material, roof_material, floor_material, water_source, sanitation, lighting, cooking_fuel, assets, registration_source, registration_date)
           VALUES ('HH' || to_char(nextval('registry.household_code_seq'), 'FM0000000000'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'DEMO', current_date - (random() * 400)::int) RETURNING id`,
          [household.code, area.id, area.path, household.latitude, household.longitude, household.rooms, household.wallMaterial, household.roofMaterial, household.floorMaterial, household.waterSource, household.sanitation, household.lighting, household.cookingFuel, household.assets ? household.assets.split('|') : []],
        );
        for (const [index, m] of members.entries()) {
          const role = index === 0 ? 'PRIMARY' : null;
          const [{ id }] = await em.query(
            `INSERT INTO registry.individual (external_id, given_name, family_name, sex, birth_date, phones, household_id, relationship, recipient_role, area_path)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [m.externalId, m.givenName, m.familyName, m.sex, m.birthDate, m.phone ? [m.phone] : [], householdId, m.relationship, role, area.path],
          );
          await em.query(`INSERT INTO registry.membership (household_id, individual_id, relationship, recipient_role, started_at) VALUES ($1, $2, $3, $4, now())`, [householdId, id, m.relationship, role]);
          if (m.documentNumber) await em.query(`INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, $2, $3)`, [id, m.documentType, m.documentNumber]);
          if (m.relationship === 'HEAD') {
            const photo = placeholderPhoto((hue += 47) % 360);
            const [{ id: fileId }] = await em.query(
              `INSERT INTO registry.stored_file (individual_id, household_id, kind, name, content_type, size, sha256, content) VALUES ($1, $2, 'PHOTO', 'photo.png', 'image/png', $3, $4, $5) RETURNING id`,
              [id, householdId, photo.length, createHash('sha256').update(photo).digest('hex'), photo],
            );
            await em.query('UPDATE registry.individual SET photo_file_id = $1 WHERE id = $2', [fileId, id]);
          }
        }
      }
    });
  },
};
