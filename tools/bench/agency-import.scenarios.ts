// Agency-style import at scale (issue 12): one `;`-separated Windows-1252 file with French labels, the
// area as Province / District / Village names, one "Nom et prénom" column and dd/mm/yyyy dates, imported
// with recoding, name-based areas and the full-name split in the mapping. Compared with plain COPY of
// the same file, and (in the results) with the code-based import of the registry scenarios.
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { postGraphql } from '@coremis/core/testing';
import { generatePopulation } from '@coremis/synthetic';
import { type BenchContext, settleWal, uploadFile } from './registry.scenarios';

const HEADER = ['N° ménage', 'Province', 'District', 'Village', 'Nom et prénom', 'Sexe', 'Date de naissance', 'Lien avec le chef', 'Toiture', 'Téléphone', 'N° CNI'];
/** French labels of the generator's codes, as agencies' files spell them (also used by the mapping scenario). */
export const SEX_LABELS: Record<string, string> = { F: 'Féminin', M: 'Masculin' };
export const RELATIONSHIP_LABELS: Record<string, string> = {
  HEAD: 'Chef de ménage',
  SPOUSE: 'Épouse',
  SON: 'Fils',
  DAUGHTER: 'Fille',
  PARENT: 'Parent',
  GRANDCHILD: 'Petit-fils',
  OTHER_RELATIVE: 'Autre parent',
  NON_RELATIVE: 'Sans lien',
};
export const ROOF_LABELS: Record<string, string> = { thatch: 'Paille', iron_sheet: 'Tôle', tiles: 'Tuiles', concrete: 'Béton', other: 'Autre' };
/** The recoding the wizard saves for labels: label → code. */
export const recodingOf = (labels: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));

const OPTIONS = {
  read: { members: { separator: ';', encoding: 'WINDOWS1252' } },
  transforms: {
    nameOrder: 'FAMILY_FIRST',
    dates: { birthDate: 'DMY' },
    fixed: { documentType: 'NATIONAL_ID' },
    recode: {
      sex: recodingOf(SEX_LABELS),
      relationship: recodingOf(RELATIONSHIP_LABELS),
      roofMaterial: recodingOf(ROOF_LABELS),
    },
  },
};
const MAPPING = {
  members: {
    householdKey: 'N° ménage',
    areaLevel1: 'Province',
    areaLevel2: 'District',
    areaLevel3: 'Village',
    fullName: 'Nom et prénom',
    sex: 'Sexe',
    birthDate: 'Date de naissance',
    relationship: 'Lien avec le chef',
    roofMaterial: 'Toiture',
    phones: 'Téléphone',
    documentNumber: 'N° CNI',
  },
};

const field = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the agency file for `size` people (Windows-1252 bytes: latin1 is exact for these characters). */
async function writeAgencyFile(ctx: BenchContext, file: string): Promise<number> {
  const names = new Map<string, string[]>(
    (
      await ctx.pool.query(
        `SELECT a.code, p.name_fr AS province, c.name_fr AS district, a.name_fr AS village
           FROM geo.admin_area a JOIN geo.admin_area c ON c.id = a.parent_id JOIN geo.admin_area p ON p.id = c.parent_id
          WHERE a.code = ANY($1)`,
        [ctx.villages.map((v) => v.code)],
      )
    ).rows.map((r: { code: string; province: string; district: string; village: string }) => [r.code, [r.province, r.district, r.village]]),
  );
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(Buffer.from(line, 'latin1'))) await once(out, 'drain');
  };
  await write(HEADER.map(field).join(';') + '\r\n');
  let people = 0;
  for (const { household, members } of generatePopulation({ individuals: ctx.size, villages: ctx.villages, seed: 1212, duplicateRate: 0 })) {
    const area = names.get(household.areaCode) ?? ['', '', ''];
    for (const m of members) {
      const [y, mo, d] = m.birthDate.split('-');
      await write(
        [`AG-${household.code}`, ...area, `${m.familyName} ${m.givenName}`, SEX_LABELS[m.sex], `${d}/${mo}/${y}`, RELATIONSHIP_LABELS[m.relationship] ?? 'Autre parent', ROOF_LABELS[household.roofMaterial] ?? 'Autre', m.phone, m.documentNumber ? `AG-${m.documentNumber}` : '']
          .map(field)
          .join(';') + '\r\n',
      );
      people++;
    }
  }
  out.end();
  await once(out, 'finish');
  return people;
}

async function copyAgencyBaseline(ctx: BenchContext, databaseUrl: string, file: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_agency; CREATE UNLOGGED TABLE bench_agency (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
    const started = process.hrtime.bigint();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_agency FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'WIN1252')`)));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_agency');
    await client.end();
  }
}

/**
 * The scenario; `databaseUrl` is its database (for the COPY baseline), in the state the plain import found;
 * `plain` is that import's figure, for the per-person comparison.
 */
export async function runAgencyImportScenario(ctx: BenchContext, databaseUrl: string, plain: { people: number; ms: number } | null): Promise<void> {
  const file = join(ctx.workDir, `agency-${ctx.size}.csv`);
  const people = await writeAgencyFile(ctx, file);
  const baseline = await copyAgencyBaseline(ctx, databaseUrl, file);
  const uploadId = await uploadFile(ctx, file);
  await settleWal(ctx.pool);
  const run = await ctx.timed(async () => {
    const started = await postGraphql<{ startRegistryImport: { id: string } }>(
      ctx.apiUrl,
      'mutation($i: StartRegistryImportInput!) { startRegistryImport(input: $i) { id } }',
      { i: { layout: 'ONE_FILE', membersUploadId: uploadId, mapping: MAPPING, options: OPTIONS, mode: 'VALID_ONLY', validateOnly: false, checkDuplicates: false } },
      { token: ctx.token },
    );
    if (!started.data) throw new Error(JSON.stringify(started.errors));
    for (;;) {
      const [job] = (await ctx.pool.query('SELECT status, result, error_message FROM core.job WHERE id = $1', [started.data.startRegistryImport.id])).rows;
      if (!['QUEUED', 'RUNNING'].includes(job.status)) return job as { status: string; result: Record<string, unknown>; error_message: string | null };
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const r = run.value.result ?? {};
  ctx.record(
    'registry: agency file (;, Windows-1252, recoding, area names, full names, dd/mm/yyyy)',
    people,
    run,
    baseline,
    `${run.value.status}${run.value.error_message ? ` ${run.value.error_message}` : ''}; ${Math.round(statSync(file).size / 1048576)} MB; ${r['householdsCreated']} households, ${r['individualsCreated']} people created, ${r['errorCount']} row errors; steps ${Object.entries((r['timings'] ?? {}) as Record<string, number>)
      .map(([k, v]) => `${k} ${v}s`)
      .join(', ')}; baseline = COPY of the same file; ${
      plain ? `per person ${(run.ms / people / (plain.ms / plain.people)).toFixed(2)}x the plain import of this run (${((plain.ms / plain.people) * 1000).toFixed(1)} s per 1M people, empty registry both)` : 'no plain import in this run to compare with'
    }`,
  );
}
