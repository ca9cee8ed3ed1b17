#!/usr/bin/env node
// The physical reference of the read-path benchmark: a bare Node HTTP server that answers each page
// with one hand-written SQL statement building the same JSON as the API (json_agg), no framework,
// no GraphQL, no authentication. Loaded exactly like the API; each page reports its ratio to this.
//   DATABASE_URL=... PORT=... node tools/bench/reference-server.mjs
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
pool.on('error', () => undefined);

const AREA_PATH = `json_build_object('id', a.id, 'code', a.code, 'name', a.name_en,
  'ancestors', coalesce((SELECT json_agg(json_build_object('name', p.name_en) ORDER BY length(p.path)) FROM geo.admin_area p
                          WHERE p.id = ANY(string_to_array(trim(both '/' from a.path), '/')::uuid[]) AND p.id <> a.id), '[]'))`;

function householdList(where) {
  return `SELECT json_build_object('data', json_build_object('households', json_build_object(
       'pageInfo', json_build_object('hasNextPage', true, 'endCursor', max(h.code)),
       'edges', coalesce(json_agg(json_build_object('node', json_build_object(
         'id', h.id, 'code', h.code, 'status', h.status, 'registrationDate', h.registration_date,
         'memberCount', (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id),
         'area', (SELECT ${AREA_PATH} FROM geo.admin_area a WHERE a.id = h.area_id),
         'members', coalesce((SELECT json_agg(json_build_object('id', i.id, 'givenName', i.given_name, 'familyName', i.family_name, 'sex', i.sex, 'relationship', i.relationship, 'birthDate', i.birth_date) ORDER BY i.relationship = 'HEAD' DESC, i.id)
                              FROM registry.individual i WHERE i.household_id = h.id), '[]'))) ORDER BY h.code, h.id), '[]'))))::text AS body
       FROM (SELECT * FROM registry.household ${where} ORDER BY code, id LIMIT 50) h`;
}

function individualList(where) {
  return `SELECT json_build_object('data', json_build_object('individuals', json_build_object(
       'pageInfo', json_build_object('hasNextPage', true, 'endCursor', max(i.id::text)),
       'edges', coalesce(json_agg(json_build_object('node', json_build_object(
         'id', i.id, 'givenName', i.given_name, 'familyName', i.family_name, 'sex', i.sex, 'birthDate', i.birth_date, 'status', i.status,
         'documents', coalesce((SELECT json_agg(json_build_object('type', d.type, 'number', d.number) ORDER BY d.type) FROM registry.individual_document d WHERE d.individual_id = i.id), '[]'),
         'household', (SELECT json_build_object('id', h.id, 'code', h.code) FROM registry.household h WHERE h.id = i.household_id)))
         ORDER BY i.family_norm, i.given_norm, i.id), '[]'))))::text AS body
       FROM (SELECT * FROM registry.individual WHERE status <> 'MERGED' ${where} ORDER BY family_norm, given_norm, id LIMIT 50) i`;
}

const PAGES = {
  // { adminAreas(first: 50) { totalCount edges { node { id code name childCount level { code name } parent { code } } } } }
  '/area-page': [
    `SELECT json_build_object('data', json_build_object('adminAreas', json_build_object(
       'totalCount', (SELECT count(*) FROM geo.admin_area),
       'edges', coalesce(json_agg(json_build_object('node', json_build_object(
         'id', a.id, 'code', a.code, 'name', a.name_en,
         'childCount', (SELECT count(*) FROM geo.admin_area c WHERE c.parent_id = a.id),
         'level', json_build_object('code', l.code, 'name', l.name_en),
         'parent', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('code', p.code) END)) ORDER BY a.code, a.id), '[]'))))::text AS body
       FROM (SELECT * FROM geo.admin_area ORDER BY code, id LIMIT 50) a
       JOIN geo.admin_level l ON l.id = a.level_id LEFT JOIN geo.admin_area p ON p.id = a.parent_id`,
    () => [],
  ],
  // the household list page of read-path.scenarios.ts
  '/household-list': [householdList(''), () => []],
  // the same page for a caller restricted to one area (?area=<the area's path>)
  '/household-list-area': [householdList('WHERE area_path LIKE $1'), (url) => [`${url.searchParams.get('area')}%`]],
  // the household detail page of read-path.scenarios.ts
  '/household-detail': [
    `SELECT json_build_object('data', json_build_object('household', json_build_object(
       'id', h.id, 'code', h.code, 'status', h.status, 'address', h.address, 'rooms', h.rooms, 'wallMaterial', h.wall_material, 'assets', h.assets,
       'registrationDate', h.registration_date, 'version', h.version,
       'area', (SELECT ${AREA_PATH} FROM geo.admin_area a WHERE a.id = h.area_id),
       'members', coalesce((SELECT json_agg(json_build_object('id', i.id, 'givenName', i.given_name, 'familyName', i.family_name, 'sex', i.sex, 'birthDate', i.birth_date,
                              'relationship', i.relationship, 'recipientRole', i.recipient_role, 'phones', i.phones,
                              'documents', coalesce((SELECT json_agg(json_build_object('type', d.type, 'number', d.number) ORDER BY d.type) FROM registry.individual_document d WHERE d.individual_id = i.id), '[]'))
                            ORDER BY i.relationship = 'HEAD' DESC, i.id)
                            FROM registry.individual i WHERE i.household_id = h.id), '[]'),
       'memberships', coalesce((SELECT json_agg(json_build_object('id', m.id, 'individualId', m.individual_id, 'relationship', m.relationship, 'startedAt', m.started_at, 'endedAt', m.ended_at) ORDER BY m.started_at, m.id)
                                FROM registry.membership m WHERE m.household_id = h.id), '[]'))))::text AS body
       FROM registry.household h WHERE h.id = $1`,
    (url) => [url.searchParams.get('id')],
  ],
  // the individual list page of read-path.scenarios.ts
  '/individual-list': [individualList(''), () => []],
  '/individual-list-area': [individualList("AND area_path LIKE $1"), (url) => [`${url.searchParams.get('area')}%`]],
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/ready') return void res.end('ok');
  const page = PAGES[url.pathname];
  if (!page) {
    res.statusCode = 404;
    return void res.end();
  }
  // read (and drop) the request body like the API reads its GraphQL document
  for await (const chunk of req) void chunk;
  try {
    const { rows } = await pool.query(page[0], page[1](url));
    res.setHeader('content-type', 'application/json');
    res.end(rows[0]?.body ?? '{"data":null}');
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
