import { coreDefinition } from '@coremis/core';
import { startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { Pool } from 'pg';
import { runTargetingScenarios } from '../../../../../tools/bench/targeting.scenarios';

it('bench scenario at 1M individuals (SQL-generated population)', async () => {
  const api: TestApi = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
  const pool = new Pool({ connectionString: api.databaseUrl });
  await pool.query(`INSERT INTO registry.household (code, area_id, area_path, rooms, wall_material, roof_material, water_source, sanitation, lighting, cooking_fuel, assets)
    SELECT 'B' || g, a.id, a.path, 1 + g % 5, (ARRAY['mud','brick','cement','wood','iron_sheet'])[1 + g % 5], (ARRAY['thatch','iron_sheet','tiles','concrete'])[1 + g % 4],
      (ARRAY['piped','public_tap','borehole','protected_well','unprotected_well','surface_water'])[1 + g % 6], (ARRAY['flush','pit_latrine','open_defecation','shared_latrine'])[1 + g % 4],
      (ARRAY['electricity','solar','kerosene','candle','none'])[1 + g % 5], (ARRAY['firewood','charcoal','gas','electricity'])[1 + g % 4],
      (ARRAY[ARRAY['radio','tv'], ARRAY['phone','bicycle'], ARRAY['radio','livestock']])[1 + g % 3]
    FROM generate_series(1, 220000) g, LATERAL (SELECT id, path FROM geo.admin_area ORDER BY id OFFSET (g % 20) LIMIT 1) a`);
  await pool.query(`INSERT INTO registry.individual (given_name, family_name, given_norm, family_norm, sex, birth_date, household_id, relationship)
    SELECT 'A', 'B', 'a', 'b', CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, date '2026-01-01' - (g * 7919 % 32000), h.id, 'MEMBER'
    FROM generate_series(1, 1000000) g JOIN (SELECT id, row_number() OVER () AS n FROM registry.household) h ON h.n = 1 + (g * 48271) % (SELECT count(*) FROM registry.household)`);
  await pool.query('ANALYZE');
  const counts = await pool.query('SELECT (SELECT count(*) FROM registry.household) AS h, (SELECT count(*) FROM registry.individual) AS i');
  console.log(JSON.stringify(counts.rows));
  const records: unknown[] = [];
  const timed = async (w: () => Promise<unknown>) => { const t = process.hrtime.bigint(); const value = await w(); return { ms: Number(process.hrtime.bigint() - t) / 1e6, value, peakMb: 0 }; };
  for (let i = 0; i < 2; i++) await runTargetingScenarios({ pool, timed, record: (...a: unknown[]) => records.push(a) } as never);
  console.log(JSON.stringify(records));
  await pool.end();
  await api.close();
}, 1200000);
