import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ADMINISTRATOR_ROLE, AUDIT_OWNER_ROLE, AuditAnchorService, AuditService, type ApiHandle, IdentitySeeder, runMigrations, startApi, verifyAuditChain } from '@coremis/core';
import { createTestDatabase, databaseUrlAs, postGraphql, sql, startTestApi, TEST_ADMIN, TEST_DATABASE_ADMIN_URL, type TestApi, type TestDatabase } from '@coremis/core/testing';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface AuditRow {
  id: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  details: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; action: string; entityType: string | null; entityId: string | null; username: string | null; requestId: string | null; changes: unknown } }[];
}

const WORKSPACE = resolve(__dirname, '../../..');

const CREATE = 'mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { id code version } }';
const UPDATE = 'mutation($input: UpdateAdminAreaInput!) { updateAdminArea(input: $input) { id version } }';
const DELETE = 'mutation($id: ID!) { deleteAdminArea(id: $id) }';
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id action entityType entityId username requestId changes } } }
}`;
const VERIFY = '{ verifyAuditTrail { ok checked firstBrokenId lastId lastHash } }';

// run from the workspace root, jest ignores the preset's testTimeout (a global option)
jest.setTimeout(60_000);

describe('audit trail', () => {
  let api: TestApi;
  let levels: Record<string, string>;
  let province: { id: string };

  const rowsOf = (where: string, params: unknown[] = []) => sql<AuditRow>(api.databaseUrl, `SELECT id::text AS id, user_id, username, action, entity_type, entity_id, changes, details, request_id, ip FROM core.audit_log WHERE ${where} ORDER BY audit_log.id`, params);
  const byRequest = (requestId: string) => rowsOf('request_id = $1', [requestId]);
  const withRequestId = (requestId: string) => ({ headers: { 'x-request-id': requestId } });
  const verify = async () => (await api.graphql<{ verifyAuditTrail: { ok: boolean; checked: number; firstBrokenId: string | null; lastId: string | null } }>(VERIFY)).data!.verifyAuditTrail;
  const areaInput = (code: string) => ({ code, levelId: levels.district, parentId: province.id, nameEn: `Area ${code}` });

  beforeAll(async () => {
    api = await startTestApi(
      MODULE_CATALOGUE.filter((m) => ['core', 'geo'].includes(m.key)),
      { DEMO_DATA: 'true' },
    );
    const result = await api.graphql<{ adminLevels: { id: string; code: string }[] }>('{ adminLevels { id code } }');
    levels = Object.fromEntries(result.data!.adminLevels.map((l) => [l.code, l.id]));
    province = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`))[0];
  });

  afterAll(() => api?.stop());

  it('records creating, changing and deleting an area: who, the changed fields before and after, the request', async () => {
    const [admin] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM core."user" WHERE username = $1`, [TEST_ADMIN.username]);
    const created = await api.graphql<{ createAdminArea: { id: string } }>(CREATE, { input: { ...areaInput('DL-01-90'), nameFr: 'Zone' } }, withRequestId('audit-create'));
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAdminArea.id;
    const [create, ...moreCreate] = await byRequest('audit-create');
    expect(moreCreate).toEqual([]);
    expect(create).toMatchObject({ action: 'CREATE', entity_type: 'AdminArea', entity_id: id, user_id: admin.id, username: TEST_ADMIN.username });
    expect(create.ip).toBeTruthy();
    expect(create.changes).toEqual({
      id: { before: null, after: id },
      code: { before: null, after: 'DL-01-90' },
      levelId: { before: null, after: levels.district },
      parentId: { before: null, after: province.id },
      path: { before: null, after: expect.stringMatching(new RegExp(`/${province.id}/${id}/$`)) },
      nameEn: { before: null, after: 'Area DL-01-90' },
      nameFr: { before: null, after: 'Zone' },
      isActive: { before: null, after: true },
    });

    const updated = await api.graphql(UPDATE, { input: { id, version: 1, nameEn: 'Renamed', namePt: 'Zona', nameFr: 'Zone' } }, withRequestId('audit-update'));
    expect(updated.errors).toBeUndefined();
    const [update, ...moreUpdate] = await byRequest('audit-update');
    expect(moreUpdate).toEqual([]);
    expect(update).toMatchObject({ action: 'UPDATE', entity_type: 'AdminArea', entity_id: id, username: TEST_ADMIN.username });
    // only the fields that changed: nameFr was sent unchanged, version and updatedAt are bookkeeping
    expect(update.changes).toEqual({ nameEn: { before: 'Area DL-01-90', after: 'Renamed' }, namePt: { before: null, after: 'Zona' } });

    const deleted = await api.graphql<{ deleteAdminArea: boolean }>(DELETE, { id }, withRequestId('audit-delete'));
    expect(deleted.data?.deleteAdminArea).toBe(true);
    const [removal, ...moreDelete] = await byRequest('audit-delete');
    expect(moreDelete).toEqual([]);
    expect(removal).toMatchObject({ action: 'DELETE', entity_type: 'AdminArea', entity_id: id });
    expect(removal.changes).toMatchObject({ code: { before: 'DL-01-90', after: null }, nameEn: { before: 'Renamed', after: null }, namePt: { before: 'Zona', after: null } });
  });

  it('writes nothing when the change fails or its transaction rolls back', async () => {
    const duplicate = await api.graphql(CREATE, { input: areaInput('DL-01') }, withRequestId('audit-duplicate'));
    expect(duplicate.errors![0].extensions!.code).toBe('CONFLICT');
    const stale = await api.graphql(UPDATE, { input: { id: province.id, version: 99, nameEn: 'Lost' } }, withRequestId('audit-stale'));
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await byRequest('audit-duplicate')).toEqual([]);
    expect(await byRequest('audit-stale')).toEqual([]);

    // a save that succeeded inside a transaction that then fails
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    const newArea = (em: DataSource['manager'], code: string) => {
      const id = randomUUID();
      return em.save(em.create('AdminArea', { id, code, levelId: levels.district, parentId: province.id, path: `/${province.id}/${id}/`, nameEn: code, isActive: true }));
    };
    await expect(
      dataSource.transaction(async (em) => {
        await newArea(em, 'DL-01-ROLLBACK');
        throw new Error('fails after the save');
      }),
    ).rejects.toThrow('fails after the save');
    // a savepoint that rolls back drops only its own entries
    await dataSource.transaction(async (em) => {
      await newArea(em, 'DL-01-OUTER');
      await em.transaction(async (inner) => {
        await newArea(inner, 'DL-01-INNER');
        throw new Error('inner fails');
      }).catch(() => undefined);
    });
    const codes = await sql<{ code: string }>(api.databaseUrl, `SELECT changes->'code'->>'after' AS code FROM core.audit_log WHERE changes->'code'->>'after' LIKE 'DL-01-%' AND action = 'CREATE'`);
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['DL-01-OUTER']));
    expect(codes.map((c) => c.code)).not.toContain('DL-01-ROLLBACK');
    expect(codes.map((c) => c.code)).not.toContain('DL-01-INNER');
    expect(await sql(api.databaseUrl, `SELECT 1 FROM geo.admin_area WHERE code IN ('DL-01-ROLLBACK', 'DL-01-INNER')`)).toEqual([]);
  });

  it('refuses writes it could not audit: query-builder updates and writes outside a transaction', async () => {
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    await expect(dataSource.getRepository('AdminArea').update({ id: province.id }, { nameEn: 'Bulk' })).rejects.toThrow(/AdminArea is audited/);
    await expect(
      dataSource.transaction((em) => em.getRepository('AdminArea').delete({ code: 'DL-01-OUTER' })),
    ).rejects.toThrow(/query-builder updates and deletes/);
    // under REPEATABLE READ the snapshot predates the chain lock: the chain could fork, so it is refused
    await expect(
      dataSource.transaction('REPEATABLE READ', async (em) => {
        const area = await em.findOneByOrFail<{ id: string; nameEn: string }>('AdminArea', { id: province.id });
        area.nameEn = 'Repeatable';
        await em.save('AdminArea', area);
      }),
    ).rejects.toThrow(/READ COMMITTED/);
    const [area] = await sql<{ name_en: string }>(api.databaseUrl, `SELECT name_en FROM geo.admin_area WHERE id = $1`, [province.id]);
    expect(['Bulk', 'Repeatable']).not.toContain(area.name_en);
    expect(await sql(api.databaseUrl, `SELECT 1 FROM geo.admin_area WHERE code = 'DL-01-OUTER'`)).toHaveLength(1);
  });

  it('records a CSV import as one IMPORT entry in the import transaction', async () => {
    const csv = ['level,code,parent_code,name_en', 'province,DL-20,DL,Audit Province', 'district,DL-20-01,DL-20,Audit District'].join('\n');
    const upload = await fetch(`${api.url}/api/geo/imports/uploads?name=audit.csv`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}` }, body: csv });
    expect(upload.status).toBe(201);
    const started = await api.graphql<{ importAdminAreas: { id: string } }>(
      'mutation($input: ImportAdminAreasInput!) { importAdminAreas(input: $input) { id } }',
      { input: { uploadId: ((await upload.json()) as { id: string }).id } },
    );
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const jobId = started.data!.importAdminAreas.id;
    const imports = await rowsOf(`action = 'IMPORT'`);
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ entity_type: 'AdminArea', details: { created: 2, updated: 0, fileName: 'audit.csv', jobId } });
    expect(await rowsOf(`action = 'CREATE' AND changes->'code'->>'after' LIKE 'DL-20%'`)).toEqual([]);
  });

  it('records logins and failed logins', async () => {
    await api.login(TEST_ADMIN.username, TEST_ADMIN.password);
    await expect(api.login(TEST_ADMIN.username, 'wrong password')).rejects.toThrow();
    const events = await rowsOf(`action IN ('LOGIN', 'LOGIN_FAILED') AND username = $1`, [TEST_ADMIN.username]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['LOGIN', 'LOGIN_FAILED']));
    expect(events.find((e) => e.action === 'LOGIN_FAILED')!.user_id).toBeTruthy();
  });

  it('keeps a valid chain under 20 concurrent audited writes', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.graphql(CREATE, { input: areaInput(`DL-01-C${i}`) }, withRequestId(`audit-parallel-${i}`))),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await rowsOf(`request_id LIKE 'audit-parallel-%' AND action = 'CREATE'`)).toHaveLength(20);
    const times = await sql<{ ordered: boolean }>(
      api.databaseUrl,
      `SELECT bool_and(occurred_at >= prev) AS ordered FROM (SELECT occurred_at, lag(occurred_at) OVER (ORDER BY id) AS prev FROM core.audit_log) t WHERE prev IS NOT NULL`,
    );
    expect(times[0].ordered).toBe(true);
    const result = await verify();
    const [{ n }] = await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM core.audit_log');
    expect(result).toMatchObject({ ok: true, checked: n, firstBrokenId: null });
  });

  it('searches by entity, action, user and period, newest first, page by page', async () => {
    const filter = { entityType: 'AdminArea', action: 'CREATE' };
    const expected = (await rowsOf(`entity_type = 'AdminArea' AND action = 'CREATE'`)).map((r) => r.id).reverse();
    expect(expected.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const result: { data?: { auditLog: Page }; errors?: unknown } = await api.graphql(AUDIT_LOG, { filter, first: 7, after });
      expect(result.errors).toBeUndefined();
      const page = result.data!.auditLog;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(expected);

    const [one] = await rowsOf(`request_id = 'audit-parallel-3'`);
    const byEntity = await api.graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: { entityId: one.entity_id } });
    expect(byEntity.data!.auditLog.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id: one.id, action: 'CREATE', entityType: 'AdminArea', requestId: 'audit-parallel-3' })]);

    const byUser = await api.graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: { username: TEST_ADMIN.username.toUpperCase(), userId: one.user_id, action: 'UPDATE' } });
    expect(byUser.data!.auditLog.edges.map((e) => e.node.requestId)).toContain('audit-update');

    const [bounds] = await sql<{ from: Date; to: Date }>(
      api.databaseUrl,
      `SELECT min(occurred_at) AS from, max(occurred_at) AS to FROM core.audit_log WHERE request_id LIKE 'audit-parallel-%'`,
    );
    const period = await api.graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: { action: 'CREATE', from: bounds.from.toISOString(), to: new Date(bounds.to.getTime() + 1).toISOString() }, first: 100 });
    expect(period.data!.auditLog.edges.filter((e) => e.node.requestId?.startsWith('audit-parallel-'))).toHaveLength(20);
    const none = await api.graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: { from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' } });
    expect(none.data!.auditLog).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses bad search input with translated errors', async () => {
    const reversed = await api.graphql(AUDIT_LOG, { filter: { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } }, { lang: 'fr' });
    expect(reversed.errors![0]).toMatchObject({ message: 'Le début de la période doit précéder sa fin.', extensions: { code: 'BAD_USER_INPUT' } });
    const badAction = await api.graphql(AUDIT_LOG, { filter: { action: 'drop table' } });
    expect(badAction.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const badCursor = await api.graphql(AUDIT_LOG, { after: 'bm9wZQ' });
    expect(badCursor.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('is readable only with core.audit.view, and offers no way to change it', async () => {
    const officer = await api.login('officer', 'Officer#2026-demo');
    const refused = await api.graphql(AUDIT_LOG, {}, { token: officer.accessToken });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const refusedVerify = await api.graphql(VERIFY, {}, { token: officer.accessToken });
    expect(refusedVerify.errors![0].extensions!.code).toBe('FORBIDDEN');
    const refusals = await rowsOf(`action = 'ACCESS_DENIED' AND username = 'officer'`);
    expect(refusals.map((r) => r.details!.operation)).toEqual(['Query.auditLog', 'Query.verifyAuditTrail']);
    expect(refusals[0].user_id).toBeTruthy();
    const schema = await api.graphql<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    expect(schema.data!.__schema.mutationType.fields.map((f) => f.name).filter((n) => /audit/i.test(n))).toEqual([]);
  });

  it('shows an auditor restricted to areas only the entries of records in those areas', async () => {
    const created = await api.graphql<{ createAdminArea: { id: string } }>(CREATE, { input: areaInput('AUD-SCOPE') });
    const areaId = created.data!.createAdminArea.id;
    const [other] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE parent_id = (SELECT parent_id FROM geo.admin_area WHERE code = 'DL-01') AND code <> 'DL-01' ORDER BY code LIMIT 1`);
    await api.createUser('auditor-inside', 'Auditor-inside#2026', ADMINISTRATOR_ROLE, [province.id]);
    await api.createUser('auditor-outside', 'Auditor-outside#2026', ADMINISTRATOR_ROLE, [other.id]);
    type Log = { auditLog: { totalCount: number; edges: { node: { entityId: string | null; action: string } }[] } };
    const read = async (username: string, password: string, filter: Record<string, unknown>) => {
      const { accessToken } = await api.login(username, password);
      return (await api.graphql<Log>(AUDIT_LOG, { filter, first: 100 }, { token: accessToken })).data!.auditLog;
    };
    const inside = await read('auditor-inside', 'Auditor-inside#2026', { entityId: areaId });
    expect(inside.edges.map((e) => e.node.action)).toEqual(['CREATE']);
    const outside = await read('auditor-outside', 'Auditor-outside#2026', { entityId: areaId });
    expect(outside).toMatchObject({ totalCount: 0, edges: [] });
    // two areas: an entry of either is shown (one LIKE per area, joined by OR), and counted
    await api.createUser('auditor-both', 'Auditor-both#2026', ADMINISTRATOR_ROLE, [other.id, province.id]);
    const both = await read('auditor-both', 'Auditor-both#2026', { entityId: areaId });
    expect(both).toMatchObject({ totalCount: 1, edges: [{ node: { action: 'CREATE' } }] });
    // entries about no area (sign-ins, platform records) are for unrestricted auditors only
    const unfiltered = await read('auditor-outside', 'Auditor-outside#2026', {});
    expect(unfiltered.edges.filter((e) => e.node.entityId === areaId || e.node.action === 'LOGIN')).toEqual([]);
    const admin = (await api.graphql<Log>(AUDIT_LOG, { filter: { entityId: areaId } })).data!.auditLog;
    expect(admin.totalCount).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(sql(api.databaseUrl, `UPDATE core.audit_log SET username = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql(api.databaseUrl, `DELETE FROM core.audit_log WHERE id = (SELECT max(id) FROM core.audit_log)`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql(api.databaseUrl, `TRUNCATE core.audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await verify()).ok).toBe(true);
  });

  it('verifies in keyset batches and detects a removed row at the row after it', async () => {
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    const [{ n }] = await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM core.audit_log');
    const batches: number[] = [];
    expect(await verifyAuditChain(dataSource, { batchSize: 4, onProgress: (checked) => batches.push(checked) })).toMatchObject({ ok: true, checked: n });
    expect(batches.length).toBeGreaterThan(n / 4);

    const [victim, next] = await sql<{ id: string; row: unknown }>(
      api.databaseUrl,
      `SELECT id::text AS id, to_jsonb(a) AS row FROM core.audit_log a WHERE id >= (SELECT min(id) FROM core.audit_log WHERE action = 'LOGIN_FAILED') ORDER BY id LIMIT 2`,
    );
    await sql(api.databaseUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER USER; DELETE FROM core.audit_log WHERE id = ${Number(victim.id)}; ALTER TABLE core.audit_log ENABLE TRIGGER USER;`);
    expect(await verifyAuditChain(dataSource, { batchSize: 4 })).toMatchObject({ ok: false, firstBrokenId: next.id });
    // putting the very same row back (inserts are allowed) mends the chain
    await sql(api.databaseUrl, `INSERT INTO core.audit_log OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(null::core.audit_log, $1)`, [victim.row]);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, checked: n });
  });

  it('records a set-based batch as one entry per row sealed by a chained entry, and detects a sealed row changed, removed or added', async () => {
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    const audit = api.app.get(AuditService);
    const tamper = (statement: string) => sql(api.databaseUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER USER; ${statement}; ALTER TABLE core.audit_log ENABLE TRIGGER USER;`);
    const batch = await dataSource.transaction((em) =>
      audit.recordBatch(
        em,
        {
          sql: `SELECT 'UPDATE' AS action, 'Sample' AS entity_type, 'rec-' || g AS entity_id, jsonb_build_object('n', jsonb_build_object('before', g, 'after', g + $1::int)) AS changes,
                       jsonb_build_object('batch', $2::text) AS details, NULL AS area_path FROM generate_series(1, 7) g`,
          params: [100, 'seal-test'],
        },
        { action: 'BULK_UPDATE', entityType: 'Sample', entityId: 'seal-test', details: { records: 7 }, username: 'sealer' },
      ),
    );
    expect(batch.count).toBe(7);
    const rows = await sql<{ id: string; sealed: boolean; entity_id: string; username: string; changes: unknown; details: Record<string, unknown> }>(
      api.databaseUrl,
      `SELECT id::text AS id, sealed, entity_id, username, changes, details FROM core.audit_log WHERE entity_type = 'Sample' ORDER BY id`,
    );
    expect(rows.map((r) => r.sealed)).toEqual([...Array(7).fill(true), false]);
    expect(rows[2]).toMatchObject({ entity_id: 'rec-3', username: 'sealer', changes: { n: { before: 3, after: 103 } } });
    expect(rows[7]).toMatchObject({ id: batch.sealId, details: { records: 7, auditBatch: { count: 7, firstId: rows[0].id, lastId: rows[6].id } } });
    // a chained entry after the batch extends the chain from its seal
    expect((await api.graphql(CREATE, { input: areaInput('DL-01-SEAL') })).errors).toBeUndefined();
    const [{ n }] = await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM core.audit_log');
    for (const batchSize of [3, 1000]) expect(await verifyAuditChain(dataSource, { batchSize })).toMatchObject({ ok: true, checked: n, firstBrokenId: null });

    const rehash = (id: string) =>
      tamper(
        `UPDATE core.audit_log a SET hash = encode(sha256(convert_to(jsonb_build_array('sealed', a.id::text, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           a.user_id::text, a.username, a.action, a.entity_type, a.entity_id, a.changes, a.details, a.request_id, a.ip)::text, 'UTF8')), 'hex') WHERE id = ${Number(id)}`,
      );
    const restore = async (row: unknown, id: string) => {
      await tamper(`DELETE FROM core.audit_log WHERE id = ${Number(id)}`);
      await sql(api.databaseUrl, `INSERT INTO core.audit_log OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(null::core.audit_log, $1)`, [row]);
      expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, checked: n });
    };
    const victim = rows[3];
    const [stored] = await sql<{ row: unknown }>(api.databaseUrl, `SELECT to_jsonb(a) AS row FROM core.audit_log a WHERE id = $1`, [victim.id]);
    await tamper(`UPDATE core.audit_log SET changes = '{"n": {"before": 4, "after": 5}}' WHERE id = ${Number(victim.id)}`);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: false, firstBrokenId: victim.id });
    // its own hash made right again: the seal's digest no longer matches
    await rehash(victim.id);
    expect(await verifyAuditChain(dataSource, { batchSize: 3 })).toMatchObject({ ok: false, firstBrokenId: batch.sealId });
    await restore(stored.row, victim.id);
    await tamper(`DELETE FROM core.audit_log WHERE id = ${Number(victim.id)}`);
    expect(await verifyAuditChain(dataSource, { batchSize: 3 })).toMatchObject({ ok: false, firstBrokenId: batch.sealId });
    await restore(stored.row, victim.id);
    // a sealed row appended with a right hash: no seal vouches for it
    const [forged] = await sql<{ id: string }>(
      api.databaseUrl,
      `INSERT INTO core.audit_log (id, occurred_at, action, entity_type, entity_id, prev_hash, hash, sealed) OVERRIDING SYSTEM VALUE
       SELECT max(id) + 1000, now(), 'UPDATE', 'Sample', 'forged', NULL, 'x', true FROM core.audit_log RETURNING id::text AS id`,
    );
    await rehash(forged.id);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: false, firstBrokenId: forged.id });
    await tamper(`DELETE FROM core.audit_log WHERE id = ${Number(forged.id)}`);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, checked: n });
  });

  it('detects tampering, in the API and with the verification command', async () => {
    const [target] = await rowsOf(`request_id = 'audit-update'`);
    await sql(
      api.databaseUrl,
      `ALTER TABLE core.audit_log DISABLE TRIGGER USER;
       UPDATE core.audit_log SET details = '{"note": "nothing to see"}' WHERE id = ${Number(target.id)};
       ALTER TABLE core.audit_log ENABLE TRIGGER USER;`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target.id });

    const run = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, ['tools/scripts/run-ts.mjs', 'tools/scripts/audit-verify.ts'], { cwd: WORKSPACE, env: { ...process.env, DATABASE_URL: api.databaseUrl } }, (error, stdout) =>
        done({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(run).toEqual({ code: 1, stdout: expect.stringContaining(`BROKEN at id ${target.id}`) });
  });
});

const CORE_ONLY = MODULE_CATALOGUE.filter((m) => m.key === 'core');
const runVerifyCommand = (databaseUrl: string, args: string[] = []) =>
  new Promise<{ code: number; stdout: string }>((done) => {
    execFile(process.execPath, ['tools/scripts/run-ts.mjs', 'tools/scripts/audit-verify.ts', ...args], { cwd: WORKSPACE, env: { ...process.env, DATABASE_URL: databaseUrl } }, (error, stdout) =>
      done({ code: error ? Number(error.code) : 0, stdout }),
    );
  });

describe('audit log protection in the database', () => {
  const appRole = `coremis_app_${randomBytes(5).toString('hex')}`;
  const ownerRole = `coremis_own_${randomBytes(5).toString('hex')}`;
  const plainRole = `coremis_plain_${randomBytes(5).toString('hex')}`;
  const databases: TestDatabase[] = [];
  let handle: ApiHandle | undefined;

  afterAll(async () => {
    await handle?.close();
    for (const database of databases) await database.drop();
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${appRole}`);
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${ownerRole}`);
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${plainRole}`);
  });

  it('lets a separate application role (migrations run by the owner) append to the trail but never disable, alter, truncate, change or delete it', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await sql(database.url, `CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
    const appUrl = databaseUrlAs(database.url, appRole);
    handle = await startApi({
      catalogue: MODULE_CATALOGUE.filter((m) => ['core', 'geo'].includes(m.key)),
      port: 0,
      log: () => undefined,
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: database.url, WEB_DIST: '/nonexistent', HOST: '127.0.0.1', DEMO_DATA: 'true' },
    });
    // the whole API runs as the application role: sign-ins append to the trail
    await handle.app.get(IdentitySeeder).createUser({ username: 'auditor', password: 'Auditor-user#2026', displayName: 'auditor', role: 'administrator' }, false, null);
    const login = await postGraphql<{ login: { accessToken: string } }>(handle.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'auditor', password: 'Auditor-user#2026' } });
    expect(login.errors).toBeUndefined();
    const areas = await postGraphql<{ adminLevels: unknown[] }>(handle.url, '{ adminLevels { code } }', {}, { token: login.data!.login.accessToken });
    expect(areas.errors).toBeUndefined();
    expect(await sql(appUrl, `SELECT 1 FROM core.audit_log WHERE action = 'LOGIN' AND username = 'auditor'`)).toHaveLength(1);
    await sql(appUrl, `INSERT INTO core.audit_log (action, hash) VALUES ('PROBE', 'x')`);
    // ... the same role cannot take it back
    expect(await sql(database.url, `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'core.audit_log'::regclass`)).toEqual([{ owner: AUDIT_OWNER_ROLE }]);
    await expect(sql(appUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(sql(appUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
    await expect(sql(appUrl, `DROP TRIGGER audit_log_no_update_delete ON core.audit_log`)).rejects.toThrow(/must be owner/);
    await expect(sql(appUrl, `ALTER TABLE core.audit_log ADD COLUMN note text`)).rejects.toThrow(/must be owner/);
    await expect(sql(appUrl, `TRUNCATE core.audit_log`)).rejects.toThrow(/permission denied/);
    await expect(sql(appUrl, `UPDATE core.audit_log SET username = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(sql(appUrl, `DELETE FROM core.audit_log`)).rejects.toThrow(/permission denied/);
    await expect(sql(appUrl, `SET ROLE ${AUDIT_OWNER_ROLE}`)).rejects.toThrow(/permission denied/);
    await expect(sql(appUrl, `CREATE OR REPLACE FUNCTION core.audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`)).rejects.toThrow(/must be owner|permission denied/);
    expect(await handle.app.get(AuditAnchorService).warnIfUnprotected()).toBeNull();
    // the API's own migration run (nothing left to do) works with the application role alone
    await expect(runMigrations(appUrl, CORE_ONLY)).resolves.toEqual([]);
  });

  it('protects the trail when the one database role migrates and runs the API, if it may create roles; skips with a warning otherwise', async () => {
    const owned = await createTestDatabase();
    const plain = await createTestDatabase();
    databases.push(owned, plain);
    await sql(owned.url, `CREATE ROLE ${ownerRole} LOGIN CREATEROLE`);
    await sql(owned.url, `ALTER DATABASE "${owned.name}" OWNER TO ${ownerRole}`);
    await sql(plain.url, `CREATE ROLE ${plainRole} LOGIN NOCREATEROLE`);
    await sql(plain.url, `ALTER DATABASE "${plain.name}" OWNER TO ${plainRole}`);

    const ownerUrl = databaseUrlAs(owned.url, ownerRole);
    await runMigrations(ownerUrl, CORE_ONLY);
    expect(await sql(ownerUrl, `SELECT pg_get_userbyid(relowner) AS owner, pg_has_role(current_user, relowner, 'MEMBER') AS member FROM pg_class WHERE oid = 'core.audit_log'::regclass`)).toEqual([
      { owner: AUDIT_OWNER_ROLE, member: false },
    ]);
    await sql(ownerUrl, `INSERT INTO core.audit_log (action, hash) VALUES ('PROBE', 'x')`);
    await expect(sql(ownerUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(sql(ownerUrl, `DELETE FROM core.audit_log`)).rejects.toThrow(/permission denied/);

    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await runMigrations(databaseUrlAs(plain.url, plainRole), CORE_ONLY);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^audit log protection skipped: the migrating database role "coremis_plain_\w+" may not create roles/));
    } finally {
      warn.mockRestore();
    }
    expect(await sql(plain.url, `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'core.audit_log'::regclass`)).toEqual([{ owner: plainRole }]);
    // the triggers are still there
    await expect(sql(databaseUrlAs(plain.url, plainRole), `DELETE FROM core.audit_log`)).rejects.toThrow(/append-only: DELETE refused/);
    // the next start that migrates with a role that may (DATABASE_MIGRATION_URL) protects it after all
    await runMigrations(plain.url, CORE_ONLY, undefined, { applicationRole: plainRole });
    expect(await sql(plain.url, `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'core.audit_log'::regclass`)).toEqual([{ owner: AUDIT_OWNER_ROLE }]);
    await sql(databaseUrlAs(plain.url, plainRole), `INSERT INTO core.audit_log (action, hash) VALUES ('PROBE', 'x')`);
    await expect(sql(databaseUrlAs(plain.url, plainRole), `ALTER TABLE core.audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
  });
});

describe('audit anchors', () => {
  let api: TestApi;
  let dir: string;
  let anchorFile: string;
  const VERIFY_ANCHORS = 'query($anchors: [AuditAnchorInput!]) { verifyAuditTrail(anchors: $anchors) { ok checked firstBrokenId anchorsChecked failedAnchorId lastId } }';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coremis-anchor-'));
    anchorFile = join(dir, 'anchors', 'audit-anchors.jsonl');
    api = await startTestApi(CORE_ONLY, { AUDIT_ANCHOR_FILE: anchorFile });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the head of the chain, and verification detects that the newest rows were deleted after it', async () => {
    await api.createUser('anchored', 'Anchored-user#2026', 'programme_officer');
    for (let i = 0; i < 3; i++) await api.login('anchored', 'Anchored-user#2026');
    const anchors = api.app.get(AuditAnchorService);
    const anchor = (await anchors.exportAnchor())!;
    const [head] = await sql<{ id: string; hash: string }>(api.databaseUrl, `SELECT id::text AS id, hash FROM core.audit_log ORDER BY id DESC LIMIT 1`);
    expect(anchor).toMatchObject({ id: head.id, hash: head.hash, occurredAt: expect.stringMatching(/Z$/), exportedAt: expect.any(String) });
    expect(readFileSync(anchorFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([anchor]);
    for (let i = 0; i < 2; i++) await api.login('anchored', 'Anchored-user#2026');
    const intact = await api.graphql<{ verifyAuditTrail: Record<string, unknown> }>(VERIFY_ANCHORS);
    expect(intact.data!.verifyAuditTrail).toMatchObject({ ok: true, anchorsChecked: 1, failedAnchorId: null });
    expect(await runVerifyCommand(api.databaseUrl, ['--anchor', anchorFile])).toEqual({ code: 0, stdout: expect.stringContaining('1 anchor(s) match') });
    // a wrong anchor given by the caller is reported; a malformed one is refused
    const wrong = await api.graphql<{ verifyAuditTrail: Record<string, unknown> }>(VERIFY_ANCHORS, { anchors: [{ id: head.id, hash: 'f'.repeat(64) }] });
    expect(wrong.data!.verifyAuditTrail).toMatchObject({ ok: false, anchorsChecked: 2, failedAnchorId: head.id, firstBrokenId: null });
    expect((await api.graphql(VERIFY_ANCHORS, { anchors: [{ id: 'x', hash: 'nope' }] })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    // someone able to bypass the triggers cuts the tail, from the anchored row on
    await sql(api.databaseUrl, `ALTER TABLE core.audit_log DISABLE TRIGGER USER; DELETE FROM core.audit_log WHERE id >= ${Number(anchor.id)}; ALTER TABLE core.audit_log ENABLE TRIGGER USER;`);
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    // the chain alone still looks intact...
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, firstBrokenId: null });
    // ... the anchor says otherwise
    const cut = await api.graphql<{ verifyAuditTrail: Record<string, unknown> }>(VERIFY_ANCHORS);
    expect(cut.data!.verifyAuditTrail).toMatchObject({ ok: false, firstBrokenId: null, anchorsChecked: 1, failedAnchorId: anchor.id });
    expect(await runVerifyCommand(api.databaseUrl, ['--anchor', anchorFile])).toEqual({ code: 1, stdout: expect.stringContaining(`CUT: anchored row ${anchor.id} is missing or changed`) });
  });
});
