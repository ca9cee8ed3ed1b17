// Read-path scenarios (issue 11): the list and detail pages under load against the reference server
// (hand-written SQL returning the same JSON, tools/bench/reference-server.mjs), and the searches.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postGraphql } from '@coremis/core/testing';
import { type BenchContext, loadRow, ROOT, runLoad, type ServerProcess, startServer } from './bench-kit';

const AREA_PATH = 'area { id code name ancestors { name } }';
export const READ_PAGES = [
  {
    label: 'api: area page (50 areas with level, parent, child count)',
    path: '/area-page',
    query: () => '{ adminAreas(first: 50) { totalCount edges { node { id code name childCount level { code name } parent { code } } } } }',
  },
  {
    label: 'api: household list page (50 households with members and area path)',
    path: '/household-list',
    query: () => `{ households(first: 50) { pageInfo { hasNextPage endCursor } edges { node { id code status registrationDate memberCount ${AREA_PATH} members { id givenName familyName sex relationship birthDate } } } } }`,
  },
  {
    label: 'api: household detail (members, documents, area path, memberships)',
    path: '/household-detail',
    query: (id: string) =>
      `{ household(id: "${id}") { id code status address rooms wallMaterial assets registrationDate version ${AREA_PATH} members { id givenName familyName sex birthDate relationship recipientRole phones documents { type number } } memberships { id individualId relationship startedAt endedAt } } }`,
  },
  {
    label: 'api: individual list page (50 people with documents and household)',
    path: '/individual-list',
    query: () => '{ individuals(first: 50) { pageInfo { hasNextPage endCursor } edges { node { id givenName familyName sex birthDate status documents { type number } household { id code } } } } }',
  },
] as const;

export async function runReadPathScenarios(ctx: BenchContext, options: { apiPid: number; databaseUrl: string; startUncachedApi?: () => Promise<ServerProcess> }): Promise<void> {
  const [{ id }] = (await ctx.pool.query('SELECT id FROM registry.household ORDER BY code LIMIT 1 OFFSET 1000')).rows;
  const reference = await startServer('reference', [join(ROOT, 'tools/bench/reference-server.mjs')], { DATABASE_URL: options.databaseUrl }, 20000 + ((process.pid + 7) % 20000), '/ready');
  const uncached = options.startUncachedApi ? await options.startUncachedApi() : null;
  try {
    for (const page of READ_PAGES) {
      const body = JSON.stringify({ query: page.query(id) });
      // the same page from both: a wrong reference would make every ratio meaningless
      const fromApi = await postGraphql<Record<string, unknown>>(ctx.apiUrl, page.query(id), {}, { token: ctx.token });
      if (fromApi.errors || !fromApi.data) throw new Error(`${page.label}: ${JSON.stringify(fromApi.errors)}`);
      const fromReference = (await (await fetch(`${reference.url}${page.path}?id=${id}`, { method: 'POST', body })).json()) as { data: Record<string, unknown> };
      const size = (v: unknown) => JSON.stringify(v).length;
      console.log(`${page.path}: API ${size(fromApi.data)} bytes, reference ${size(fromReference.data)} bytes`);

      // warm-up of both processes (JIT, pools, caches), not measured
      await runLoad({ url: `${reference.url}${page.path}?id=${id}`, body, seconds: 2, connections: 10, pid: reference.pid });
      await runLoad({ url: `${ctx.apiUrl}/graphql`, body, headers: { authorization: `Bearer ${ctx.token}` }, seconds: 3, connections: 10, pid: options.apiPid });
      const ref = await runLoad({ url: `${reference.url}${page.path}?id=${id}`, body, seconds: ctx.loadSeconds, pid: reference.pid });
      ctx.pushRaw({ ...loadRow(`reference: ${page.path} (hand-written SQL, bare node http)`, undefined, ref, null, 'this row is the reference'), memoryOf: 'reference process' });
      // the same page asked again and again: after the first request, every answer comes from the response cache
      for (const rate of [200, undefined]) {
        const r = await runLoad({ url: `${ctx.apiUrl}/graphql`, body, headers: { authorization: `Bearer ${ctx.token}` }, seconds: ctx.loadSeconds, rate, pid: options.apiPid });
        const row = loadRow(page.label, rate, r, { perSecond: ref.perSecond }, '');
        ctx.pushRaw({ ...row, notes: `${row.notes}; response cache on (the same page repeated: answered from the cache after the first request); response ${size(fromApi.data)} bytes (reference ${size(fromReference.data)})` });
      }
      if (uncached) await uncachedRows(ctx, uncached, { body, headers: { authorization: `Bearer ${ctx.token}` } }, page.label, ref.perSecond);
    }
    await runRestrictedScenarios(ctx, { apiPid: options.apiPid, reference, uncached });
  } finally {
    await reference.stop();
    await uncached?.stop();
  }
}

/** A page from the API process without its response cache: a warm-up, then evenly paced at 200 req/s and at saturation. */
async function uncachedRows(ctx: BenchContext, server: ServerProcess, request: { body: string; headers: Record<string, string> }, label: string, referencePerSecond: number, note = ''): Promise<void> {
  await runLoad({ url: `${server.url}/graphql`, ...request, seconds: 3, connections: 10, pid: server.pid });
  for (const rate of [200, undefined]) {
    const r = await runLoad({ url: `${server.url}/graphql`, ...request, seconds: ctx.loadSeconds, rate, pid: server.pid });
    const row = loadRow(`${label}, response cache off`, rate, r, { perSecond: referencePerSecond }, '');
    ctx.pushRaw({ ...row, notes: `${row.notes}; RESPONSE_CACHE_MB=0: every request executes${note}` });
  }
}

/** The list pages of a district officer: a user whose role reads the registry, limited to one district. */
const RESTRICTED_PAGES = [
  { page: READ_PAGES[1], path: '/household-list-area', list: 'households' },
  { page: READ_PAGES[3], path: '/individual-list-area', list: 'individuals' },
] as const;

async function restrictedToken(ctx: BenchContext): Promise<{ token: string; area: { id: string; code: string; path: string }; households: number; people: number }> {
  // the district (depth 2) with the most households: the widest scope a district officer has in this registry
  const [{ households, ...area }] = (
    await ctx.pool.query(
      `SELECT a.id, a.code, a.path, (SELECT count(*)::int FROM registry.household h WHERE h.area_path LIKE a.path || '%') AS households
         FROM geo.admin_area a JOIN geo.admin_level l ON l.id = a.level_id
        WHERE l.depth = 2 ORDER BY households DESC, a.code LIMIT 1`,
    )
  ).rows;
  const [{ people }] = (await ctx.pool.query(`SELECT count(*)::int AS people FROM registry.individual WHERE area_path LIKE $1`, [`${area.path}%`])).rows;
  const [role] = (
    await ctx.pool.query(
      `INSERT INTO core.role (code, name, permissions) VALUES ('bench_district_viewer', 'Bench: district viewer', ARRAY['registry.view', 'geo.areas.view'])
       ON CONFLICT (code) DO UPDATE SET permissions = EXCLUDED.permissions RETURNING id`,
    )
  ).rows;
  const username = `bench-district-${Date.now()}`;
  const password = `Bench#${Math.random().toString(36).slice(2)}-District`;
  const created = await postGraphql(ctx.apiUrl, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username, displayName: 'Bench district officer', password, roleIds: [role.id], areaIds: [area.id] } }, { token: ctx.token });
  if (created.errors) throw new Error(`restricted user: ${JSON.stringify(created.errors)}`);
  await ctx.pool.query(`UPDATE core."user" SET must_change_password = false WHERE username = $1`, [username]);
  const login = await postGraphql<{ login: { accessToken: string } }>(ctx.apiUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { username, password } });
  if (!login.data) throw new Error(`restricted login: ${JSON.stringify(login.errors)}`);
  return { token: login.data.login.accessToken, area, households, people };
}

async function runRestrictedScenarios(ctx: BenchContext, servers: { apiPid: number; reference: ServerProcess; uncached: ServerProcess | null }): Promise<void> {
  const { token, area, households, people } = await restrictedToken(ctx);
  const scope = `restricted to one district (${area.code}: ${households.toLocaleString('en')} households, ${people.toLocaleString('en')} people)`;
  const headers = { authorization: `Bearer ${token}` };
  for (const { page, path, list } of RESTRICTED_PAGES) {
    const query = page.query();
    const body = JSON.stringify({ query });
    const referenceUrl = `${servers.reference.url}${path}?area=${encodeURIComponent(area.path)}`;
    const idsOf = (data: Record<string, unknown> | undefined) => ((data?.[list] as { edges?: { node: { id: string } }[] } | undefined)?.edges ?? []).map((e) => e.node.id);
    const fromApi = await postGraphql<Record<string, unknown>>(ctx.apiUrl, query, {}, { token });
    if (fromApi.errors || !fromApi.data) throw new Error(`${page.label}, ${scope}: ${JSON.stringify(fromApi.errors)}`);
    const fromReference = (await (await fetch(referenceUrl, { method: 'POST', body })).json()) as { data: Record<string, unknown> };
    const apiIds = idsOf(fromApi.data);
    const sameRows = apiIds.length > 0 && JSON.stringify(apiIds) === JSON.stringify(idsOf(fromReference.data));
    const check = `same ${apiIds.length} ${list} as the reference, in the same order: ${sameRows ? 'yes' : 'NO'}`;

    await runLoad({ url: referenceUrl, body, seconds: 2, connections: 10, pid: servers.reference.pid });
    const ref = await runLoad({ url: referenceUrl, body, seconds: ctx.loadSeconds, pid: servers.reference.pid });
    ctx.pushRaw({ ...loadRow(`reference: ${path} (hand-written SQL with the area's path prefix)`, undefined, ref, null, 'this row is the reference'), memoryOf: 'reference process' });
    await runLoad({ url: `${ctx.apiUrl}/graphql`, body, headers, seconds: 3, connections: 10, pid: servers.apiPid });
    const cached = await runLoad({ url: `${ctx.apiUrl}/graphql`, body, headers, seconds: ctx.loadSeconds, pid: servers.apiPid });
    const cachedRow = loadRow(`${page.label}, ${scope}`, undefined, cached, { perSecond: ref.perSecond }, '');
    ctx.pushRaw({ ...cachedRow, notes: `${cachedRow.notes}; response cache on (answered from the cache after the first request, per caller); ${check}` });
    if (servers.uncached) await uncachedRows(ctx, servers.uncached, { body, headers }, `${page.label}, ${scope}`, ref.perSecond, `; ${check}`);
  }
}

export async function runSearchScenarios(ctx: BenchContext): Promise<void> {
  const pick = async (sql: string) => (await ctx.pool.query(sql)).rows[0];
  const person = await pick(`SELECT i.given_name, i.family_name, i.phones[1] AS phone, d.number AS doc, h.code FROM registry.individual i JOIN registry.individual_document d ON d.individual_id = i.id JOIN registry.household h ON h.id = i.household_id WHERE cardinality(i.phones) > 0 ORDER BY i.id DESC LIMIT 1`);
  const searches: [string, string, Record<string, unknown>][] = [
    ['name (fuzzy, two words)', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id givenName familyName } } } }', { s: `${person.given_name} ${person.family_name}` }],
    ['name variant (Muhamad ~ Mohammed)', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id givenName familyName } } } }', { s: 'muhamad diallo' }],
    ['document number', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id } } } }', { s: person.doc }],
    ['phone', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id } } } }', { s: person.phone }],
    ['household code', 'query($s: String) { households(first: 50, filter: { search: $s }) { edges { node { id code } } } }', { s: person.code }],
    ['households by member name', 'query($s: String) { households(first: 50, filter: { search: $s }) { edges { node { id code } } } }', { s: `${person.given_name} ${person.family_name}` }],
  ];
  for (const [label, query, variables] of searches) {
    await postGraphql(ctx.apiUrl, query, variables, { token: ctx.token });
    const times: number[] = [];
    let count = 0;
    const run = await ctx.timed(async () => {
      for (let i = 0; i < 20; i++) {
        const started = process.hrtime.bigint();
        const result = await postGraphql<Record<string, { edges: unknown[] }>>(ctx.apiUrl, query, variables, { token: ctx.token });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        count = Object.values(result.data ?? {})[0]?.edges.length ?? -1;
      }
    });
    times.sort((a, b) => a - b);
    ctx.pushRaw({
      scenario: `registry search via API: ${label}, first page`,
      size: 20,
      wallMs: Math.round(run.ms),
      rowsPerSecond: null,
      peakRssMb: run.apiPeakMb,
      memoryOf: 'API process',
      cpuMsPerRequest: run.apiCpuMs === null ? null : Math.round((run.apiCpuMs / 20) * 100) / 100,
      baselineNote: 'one client in sequence; the plan is saved instead',
      notes: `p50 ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms, ${count} rows`,
    });
    console.log(`search ${label}: p50 ${times[10].toFixed(1)} ms`);
  }
  // the plan of a fuzzy name search as the API runs it
  const terms = (await ctx.pool.query(`SELECT array_agg(term) AS t FROM (SELECT term FROM registry.name_term WHERE term % $1 OR key = registry.name_key($1) LIMIT 300) x`, [registryNorm(person.family_name)])).rows[0].t ?? [];
  const plan = (
    await ctx.pool.query(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT i.* FROM registry.individual i WHERE i.status <> 'MERGED' AND (i.given_norm = ANY($1) OR i.family_norm = ANY($1)) AND (i.given_norm = ANY($2) OR i.family_norm = ANY($2)) ORDER BY i.family_norm, i.given_norm, i.id LIMIT 51`,
      [terms, [registryNorm(person.given_name)]],
    )
  ).rows.map((r) => r['QUERY PLAN']).join('\n');
  writeFileSync(join(ctx.resultsDir, 'plan-registry-name-search.txt'), plan + '\n');
  // the plans of the household searches as HouseholdService builds them (code branch, member-name branch)
  const explain = async (sql: string, params: unknown[]) => (await ctx.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const codePlan = await explain(
    `SELECT h.* FROM registry.household h WHERE h.id IN (SELECT c.id FROM registry.household c WHERE upper(c.code) LIKE $1
       UNION ALL SELECT c.id FROM registry.household c WHERE c.external_id = $2
       UNION ALL SELECT i.household_id FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id WHERE d.number = $2 AND i.household_id IS NOT NULL)
     ORDER BY h.code, h.id LIMIT 51`,
    [`${String(person.code).toUpperCase()}%`, person.code],
  );
  const words = registryNorm(`${person.given_name} ${person.family_name}`).split(' ');
  const termsOf = async (word: string) =>
    (await ctx.pool.query(`SELECT coalesce(array_agg(term), '{}') AS t FROM (SELECT n.term FROM registry.name_term n WHERE n.term LIKE $1 || '%' OR n.term % $1 OR n.key = registry.name_key($1) LIMIT 300) x`, [word])).rows[0].t as string[];
  const [first, second] = [await termsOf(words[0]), await termsOf(words[words.length - 1])];
  const namePlan = await explain(
    `SELECT h.* FROM registry.household h WHERE h.id = ANY(ARRAY(SELECT i.household_id FROM registry.individual i
       WHERE (i.given_norm = ANY($1) OR i.family_norm = ANY($1)) AND (i.given_norm = ANY($2) OR i.family_norm = ANY($2)) AND i.household_id IS NOT NULL))
     ORDER BY h.code, h.id LIMIT 51`,
    [first, second],
  );
  writeFileSync(join(ctx.resultsDir, 'plan-registry-household-search.txt'), `-- household code ${person.code}\n${codePlan}\n\n-- households by member name "${person.given_name} ${person.family_name}"\n${namePlan}\n`);
}

function registryNorm(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
