// Issue 12's import figure: "the import benchmark at 1,000,000 is not slower than before with recoding and
// name-based areas in the mapping". The same population in the same two-file layout, once as the plain scenario
// writes it (area codes, coded values) and once with its area as Province / District / Village names and its coded
// values as French labels (sex, relationship, wall, roof), recoded in the mapping. Each import runs in a fresh
// database with the same geography, in alternating order over the rounds, so that the machine's drift falls on both.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Pool } from 'pg';
import type { SyntheticArea, SyntheticHousehold, SyntheticIndividual } from '@coremis/synthetic';
import { HOUSEHOLD_COLUMNS, INDIVIDUAL_COLUMNS } from '@coremis/synthetic';
import { recodingOf, RELATIONSHIP_LABELS, ROOF_LABELS, SEX_LABELS } from './agency-import.scenarios';
import type { BenchContext } from './bench-kit';
import { HOUSEHOLD_MAPPING, importFiles, MEMBER_MAPPING, settleWal, uploadFile } from './registry.scenarios';

const WALL_LABELS: Record<string, string> = { mud: 'Terre battue', brick: 'Briques', cement: 'Ciment', wood: 'Bois', iron_sheet: 'Tôle' };

const LEVEL_HEADERS = ['Province', 'District', 'Village'];
const HOUSEHOLD_LABELS: Partial<Record<keyof SyntheticHousehold, Record<string, string>>> = { wallMaterial: WALL_LABELS, roofMaterial: ROOF_LABELS };
const MEMBER_LABELS: Partial<Record<keyof SyntheticIndividual, Record<string, string>>> = { sex: SEX_LABELS, relationship: RELATIONSHIP_LABELS };

/** The header of the labelled households file: the area code column becomes one name column per level. */
export const LABELLED_HOUSEHOLD_HEADER: string[] = HOUSEHOLD_COLUMNS.flatMap((c) => (c === 'areaCode' ? LEVEL_HEADERS : [c]));
export const LABELLED_MEMBER_HEADER: string[] = [...INDIVIDUAL_COLUMNS];

const label = (labels: Record<string, string> | undefined, value: unknown) => {
  if (!labels) return value;
  const found = labels[String(value)];
  if (found === undefined) throw new Error(`no label for ${String(value)}`);
  return found;
};

/** Writes a household and its members as the labelled files have them (`names`: a village code's three names, in French). */
export function labelledRows(names: Map<string, string[]>, household: SyntheticHousehold, members: SyntheticIndividual[]): { household: unknown[]; members: unknown[][] } {
  const path = names.get(household.areaCode);
  if (!path) throw new Error(`no names for village ${household.areaCode}`);
  return {
    household: HOUSEHOLD_COLUMNS.flatMap((c) => (c === 'areaCode' ? path : [label(HOUSEHOLD_LABELS[c], household[c])])),
    members: members.map((m) => INDIVIDUAL_COLUMNS.map((c) => label(MEMBER_LABELS[c], m[c]))),
  };
}

/** A village's province, district and village names in French, from the generated geography. */
export function frenchPaths(areas: SyntheticArea[]): Map<string, string[]> {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const paths = new Map<string, string[]>();
  for (const village of areas.filter((a) => a.level === 'village')) {
    const district = byCode.get(village.parentCode ?? '');
    const province = byCode.get(district?.parentCode ?? '');
    if (!district || !province) throw new Error(`village ${village.code} is not under a district and a province`);
    paths.set(village.code, [province.nameFr, district.nameFr, village.nameFr]);
  }
  return paths;
}

/** The labelled files' mapping and recodings, as the wizard would save them; the plain files use the plain scenario's. */
const LABELLED_IMPORT = {
  mapping: {
    households: { ...Object.fromEntries(Object.entries(HOUSEHOLD_MAPPING).filter(([field]) => field !== 'areaCode')), areaLevel1: 'Province', areaLevel2: 'District', areaLevel3: 'Village' },
    members: MEMBER_MAPPING,
  },
  options: { transforms: { recode: { sex: recodingOf(SEX_LABELS), relationship: recodingOf(RELATIONSHIP_LABELS), roofMaterial: recodingOf(ROOF_LABELS), wallMaterial: recodingOf(WALL_LABELS) } } },
};

/**
 * What the two imports must both have written, one line per record in a stable order: every household's key in the file, its code (numbered in file order), area
 * and coded values, every person's codes, names and birth date. Compared line by line after the runs.
 */
async function dumpRecords(pool: Pool, file: string): Promise<void> {
  const client = await pool.connect();
  try {
    const households = `SELECT 'h', h.external_id, h.code, a.code, h.roof_material, h.wall_material FROM registry.household h JOIN geo.admin_area a ON a.id = h.area_id`;
    const people = `SELECT 'i', i.external_id, i.sex, i.relationship, i.birth_date::text, i.given_name || ' ' || i.family_name FROM registry.individual i`;
    await pipeline(client.query(copyTo(`COPY (${households} ORDER BY h.external_id COLLATE "C") TO STDOUT`)), createWriteStream(file));
    await pipeline(client.query(copyTo(`COPY (${people} ORDER BY i.external_id COLLATE "C", i.given_name || ' ' || i.family_name COLLATE "C") TO STDOUT`)), createWriteStream(file, { flags: 'a' }));
  } finally {
    client.release();
  }
}

/** How many lines differ between the two dumps, with the first few of each side. */
async function compareDumps(a: string, b: string): Promise<{ differing: number; sample: string[] }> {
  const lines = (file: string) => createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const [left, right] = [lines(a), lines(b)];
  let differing = 0;
  const sample: string[] = [];
  for (;;) {
    const [l, r] = await Promise.all([left.next(), right.next()]);
    if (l.done && r.done) break;
    if (l.value !== r.value) {
      differing++;
      if (sample.length < 6) sample.push(`${l.value ?? '(end)'} <> ${r.value ?? '(end)'}`);
    }
  }
  return { differing, sample };
}

export interface FreshRegistry {
  apiUrl: string;
  token: string;
  pool: Pool;
}
type Files = { households: string; members: string };

export async function runImportMappingScenarios(
  ctx: BenchContext,
  files: { plain: Files; labelled: Files },
  fresh: <T>(name: string, run: (registry: FreshRegistry) => Promise<T>) => Promise<T>,
  rounds: number,
): Promise<void> {
  const ratios: number[] = [];
  const dumps = { plain: join(ctx.workDir, 'mapping-ab-plain.tsv'), labelled: join(ctx.workDir, 'mapping-ab-labelled.tsv') };
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? (['plain', 'labelled'] as const) : (['labelled', 'plain'] as const);
    const ms: Record<string, number> = {};
    for (const kind of order) {
      await fresh(`coremis_bench_mapping_${kind}`, async (registry) => {
        const local: BenchContext = { ...ctx, ...registry };
        const households = await uploadFile(local, files[kind].households);
        const members = await uploadFile(local, files[kind].members);
        await settleWal(registry.pool);
        const run = await ctx.timed(() => importFiles(local, households, members, false, kind === 'labelled' ? LABELLED_IMPORT : undefined));
        const [{ people }] = (await registry.pool.query('SELECT count(*)::int AS people FROM registry.individual')).rows;
        if (round === 1) await dumpRecords(registry.pool, dumps[kind]);
        ms[kind] = run.ms;
        const r = run.value;
        ctx.record(
          kind === 'plain' ? `registry: import, codes (mapping A/B round ${round})` : `registry: import, area names + labels recoded (mapping A/B round ${round})`,
          people,
          run,
          null,
          `${r.householdsRejected} households rejected (${r.errorCount} row errors: ${r.errorCodes || 'none'}); steps ${Object.entries(r.timings)
            .map(([k, v]) => `${k} ${v}s`)
            .join(', ')}`,
          'compared with the other import of its round (summary row)',
        );
      });
    }
    ratios.push(ms['labelled'] / ms['plain']);
  }
  const same = await compareDumps(dumps.plain, dumps.labelled);
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  ctx.pushRaw({
    scenario: 'registry: import with area names + recoding vs codes (mapping A/B summary)',
    size: 0,
    wallMs: 0,
    rowsPerSecond: null,
    peakRssMb: null,
    memoryOf: 'summary row',
    baselineNote: 'the import of the same population with codes, same round',
    notes: `labelled / plain wall time per round (order alternating, plain first in round 1): ${ratios.map((r) => `${r.toFixed(3)}x`).join(', ')}; median ${median.toFixed(3)}x; both imports wrote the same records (round 1, compared line by line): ${same.differing ? `NO, ${same.differing} lines differ` : 'yes'}`,
  });
  if (same.differing) throw new Error(`the labelled import wrote other records than the plain one (${same.differing} lines differ):\n${same.sample.join('\n')}`);
}
