import { ActorService, coreDefinition, RequestContext, startWorker } from '@coremis/core';
import { eventually, sql, startTestApi, TEST_REDIS_URL, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { grmDefinition } from '../grm.definition';
import { BulkUpdateService } from './bulk-update.service';
import { Client } from 'pg';

const FIELDS = 'id status jobId applyJobId failureMessage recordType rowCount errorCount recordCount fieldCount staleCount fieldCounts { field count } mapping { column field }';
const CREATE = `mutation($input: CreateBulkUpdateInput!) { createBulkUpdate(input: $input) { ${FIELDS} } }`;
const APPLY = `mutation($id: ID!) { applyBulkUpdate(id: $id) { ${FIELDS} } }`;
const GET = `query($id: ID!) { bulkUpdate(id: $id) { ${FIELDS} } }`;
const ERRORS = `query($id: ID!, $first: Int, $offset: Int) { bulkUpdateErrors(id: $id, first: $first, offset: $offset) { totalCount items { line field code message } } }`;
const SAMPLE = `query($id: ID!) { bulkUpdateSample(id: $id, first: 50) { line recordId field oldValue newValue } }`;
const HISTORY = `query($id: ID!) { household(id: $id) { id history(first: 20) { edges { node { action changes username } } } } }`;
const PASSWORD = 'Bulk-update-user#2026!';

interface Update {
  id: string;
  status: string;
  jobId: string;
  failureMessage: string | null;
  rowCount: number;
  errorCount: number;
  recordCount: number;
  fieldCount: number;
  staleCount: number;
  fieldCounts: { field: string; count: number }[];
}
interface HouseholdRow {
  id: string;
  address: string | null;
  rooms: number | null;
  version: number;
  wall_material: string | null;
}

describe('grm bulk updates', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let north: HouseholdRow[];
  let south: HouseholdRow[];

  const as = <T>(user: string, query: string, variables: Record<string, unknown> = {}, lang?: string) => api.graphql<T>(query, variables, { token: tokens[user], ...(lang ? { lang } : {}) });
  const areaOf = async (code: string) => (await sql<{ id: string; path: string }>(api.databaseUrl, 'SELECT id, path FROM geo.admin_area WHERE code = $1', [code]))[0];
  const households = async (ids: string[]) =>
    sql<HouseholdRow>(api.databaseUrl, 'SELECT id, address, rooms, version, wall_material FROM registry.household WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)', [ids]);
  const upload = async (user: string, content: string, name = 'updates.csv'): Promise<string> => {
    const res = await fetch(`${api.url}/api/grm/bulk-updates/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/octet-stream' },
      body: content,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const create = async (user: string, csv: string, columns: { column: string; field: string }[], recordType = 'HOUSEHOLD', lang?: string) => {
    const uploadId = await upload(user, csv);
    const queued = await as<{ createBulkUpdate: Update }>(user, CREATE, { input: { uploadId, recordType, idColumn: 'id', columns } }, lang);
    if (queued.errors) return queued;
    // the file is read and checked by a job
    expect(queued.data!.createBulkUpdate).toMatchObject({ status: 'CHECKING', jobId: expect.any(String) });
    const job = await eventually(async () => {
      await api.drainJobs();
      const read = await as<{ job: { status: string; progress: number; errorMessage: string | null } }>(user, 'query($id: ID!) { job(id: $id) { status progress errorMessage } }', {
        id: queued.data!.createBulkUpdate.jobId,
      });
      const { errorMessage, ...state } = read.data!.job;
      if (errorMessage) throw new Error(`the check job failed: ${errorMessage}`);
      return state.status === 'COMPLETED' ? state : undefined;
    });
    expect(job).toEqual({ status: 'COMPLETED', progress: 1 });
    const read = await as<{ bulkUpdate: Update }>(user, GET, { id: queued.data!.createBulkUpdate.id }, lang);
    return { errors: read.errors, data: read.data && { createBulkUpdate: read.data.bulkUpdate } };
  };
  /** Applies, and runs the apply job it queues (APPLYING until then). */
  const applyAndRun = async (user: string, id: string) => {
    const queued = await as<{ applyBulkUpdate: Update & { applyJobId: string } }>(user, APPLY, { id });
    if (queued.errors || queued.data!.applyBulkUpdate.status !== 'APPLYING') return queued;
    expect(queued.data!.applyBulkUpdate.applyJobId).toEqual(expect.any(String));
    const read = await eventually(async () => {
      await api.drainJobs();
      const got = await as<{ bulkUpdate: Update }>(user, GET, { id });
      return got.data?.bulkUpdate.status === 'APPLYING' ? undefined : got;
    });
    return { errors: read.errors, data: read.data && { applyBulkUpdate: read.data.bulkUpdate } };
  };
  const ready = async (user: string, csv: string, columns: { column: string; field: string }[]) => {
    const created = await create(user, csv, columns);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createBulkUpdate.status).toBe('READY');
    return created.data!.createBulkUpdate;
  };
  const auditCount = async (bulkUpdateId: string) =>
    (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE action = 'UPDATE' AND details ->> 'bulkUpdateId' = $1`, [bulkUpdateId]))[0].n;
  const rooms = (current: number | null, step = 1) => ((current ?? 0) % 40) + 2 + step;
  // the id column is named apart: the mapping names the columns that set fields
  const mapping = [
    { column: 'Address', field: 'address' },
    { column: 'Rooms', field: 'rooms' },
  ];

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, grmDefinition], { DEMO_DATA: 'true' });
    const [n, s] = [await areaOf('DL-01'), await areaOf('DL-02')];
    const pick = async (path: string) =>
      sql<HouseholdRow>(api.databaseUrl, `SELECT id, address, rooms, version, wall_material FROM registry.household WHERE area_path LIKE $1 || '%' ORDER BY code LIMIT 6`, [path]);
    north = await pick(n.path);
    south = await pick(s.path);
    expect(north.length).toBe(6);
    expect(south.length).toBeGreaterThan(0);
    const role = async (code: string, permissions: string[]) => expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    await role('bu_manager', ['grm.bulkUpdates.manage', 'registry.view', 'core.approvals.view', 'core.jobs.view']);
    await role('bu_checker', ['core.approvals.view', 'core.approvals.decide']);
    await role('bu_viewer', ['grm.changes.view', 'registry.view']);
    await api.createUser('bu_manager', PASSWORD, 'bu_manager', null);
    await api.createUser('bu_north', PASSWORD, 'bu_manager', [n.id]);
    await api.createUser('bu_checker', PASSWORD, 'bu_checker', null);
    await api.createUser('bu_viewer', PASSWORD, 'bu_viewer', null);
    for (const user of ['bu_manager', 'bu_north', 'bu_checker', 'bu_viewer']) tokens[user] = (await api.login(user, PASSWORD)).accessToken;
  }, 240_000);

  afterAll(() => api?.stop());

  it('updates every record of a clean file set-based, with the diff first and each record\'s history and audit entry', async () => {
    const targets = north.slice(0, 3);
    const [unchanged] = await households([north[3].id]);
    const csv = [
      'id;Address;Rooms;Note',
      ...targets.map((h, i) => `${h.id};Rua ${i + 1}, casa ${i + 10};${rooms(h.rooms)};ignored`),
      // the same values it has: no change; a blank cell: no change
      `${unchanged.id};${unchanged.address ?? ''};;x`,
    ].join('\r\n');
    const update = await ready('bu_manager', csv, mapping);
    expect(update).toMatchObject({ rowCount: 4, errorCount: 0, recordCount: 3, fieldCount: 6, staleCount: 0 });
    expect(update.fieldCounts).toEqual(expect.arrayContaining([{ field: 'address', count: 3 }, { field: 'rooms', count: 3 }]));
    const sample = (await as<{ bulkUpdateSample: { line: number; recordId: string; field: string; oldValue: unknown; newValue: unknown }[] }>('bu_manager', SAMPLE, { id: update.id })).data!.bulkUpdateSample;
    expect(sample).toContainEqual({ line: 2, recordId: targets[0].id, field: 'rooms', oldValue: targets[0].rooms, newValue: rooms(targets[0].rooms) });
    // previewing wrote nothing
    expect(await households(targets.map((h) => h.id))).toEqual(targets);
    const applied = await applyAndRun('bu_manager', update.id);
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyBulkUpdate.status).toBe('APPLIED');
    const after = await households(targets.map((h) => h.id));
    after.forEach((h, i) => expect(h).toMatchObject({ address: `Rua ${i + 1}, casa ${i + 10}`, rooms: rooms(targets[i].rooms), version: targets[i].version + 1 }));
    expect((await households([unchanged.id]))[0]).toEqual(unchanged);
    expect(await auditCount(update.id)).toBe(3);
    const history = await api.graphql<{ household: { history: { edges: { node: { action: string; changes: Record<string, { before: unknown; after: unknown }>; username: string } }[] } } }>(HISTORY, { id: targets[1].id });
    expect(history.data!.household.history.edges.map((e) => e.node)).toContainEqual({
      action: 'UPDATE',
      username: 'bu_manager',
      changes: { address: { before: targets[1].address, after: 'Rua 2, casa 11' }, rooms: { before: targets[1].rooms, after: rooms(targets[1].rooms) } },
    });

    // applying it again changes nothing
    const again = await as('bu_manager', APPLY, { id: update.id }, 'fr');
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    expect(again.errors![0].message).toContain('APPLIED');
    expect(await households(targets.map((h) => h.id))).toEqual(after);
    expect(await auditCount(update.id)).toBe(3);
    await expect(api.app.get(BulkUpdateService).runApply(update.id)).resolves.toBe('APPLIED');
    expect(await auditCount(update.id)).toBe(3);
    // the per-record entries are sealed by one chained entry for the update, and the chain verifies
    const [seal] = await sql<{ details: Record<string, unknown> }>(api.databaseUrl, `SELECT details FROM core.audit_log WHERE action = 'BULK_UPDATE' AND entity_id = $1`, [update.id]);
    expect(seal.details).toMatchObject({ records: 3, fields: 6, auditBatch: { count: 3 } });
    const verified = await api.graphql<{ verifyAuditTrail: { ok: boolean } }>('{ verifyAuditTrail { ok } }');
    expect(verified.data!.verifyAuditTrail.ok).toBe(true);
  });

  it('writes nothing from a file with bad rows, and reports each row in the caller\'s language', async () => {
    const [good, other] = north.slice(4, 6);
    const csv = [
      'id,Address,Rooms,Wall',
      `${good.id},Rua boa,3,`,
      `00000000-0000-4000-8000-000000000000,Rua nenhuma,3,`,
      `not-an-id,x,3,`,
      `${other.id},x,many,`,
      `${other.id},y,4,`,
      `${good.id},,,plastic sheets and dreams`,
      // shaped as an id, not hexadecimal: every value of the file then goes through the slower exact test
      `zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz,Rua z,3,`,
    ].join('\n');
    const created = await create('bu_manager', csv, [...mapping, { column: 'Wall', field: 'wallMaterial' }], 'HOUSEHOLD', 'fr');
    expect(created.errors).toBeUndefined();
    const update = created.data!.createBulkUpdate;
    expect(update).toMatchObject({ status: 'INVALID', rowCount: 7, recordCount: 0, fieldCount: 0 });
    const errors = (await as<{ bulkUpdateErrors: { totalCount: number; items: { line: number; field: string | null; code: string; message: string }[] } }>('bu_manager', ERRORS, { id: update.id, first: 50 }, 'fr')).data!.bulkUpdateErrors;
    expect(errors.items.map(({ line, field, code }) => ({ line, field, code }))).toEqual([
      { line: 3, field: null, code: 'unknownRecord' },
      { line: 4, field: null, code: 'unknownRecord' },
      { line: 5, field: 'rooms', code: 'notAnInteger' },
      { line: 6, field: null, code: 'duplicateRecord' },
      { line: 7, field: null, code: 'duplicateRecord' },
      { line: 7, field: 'wallMaterial', code: 'notAnOption' },
      { line: 8, field: null, code: 'unknownRecord' },
    ]);
    expect(errors.totalCount).toBe(7);
    expect(errors.items[0].message).toBe("L'enregistrement « 00000000-0000-4000-8000-000000000000 » n'existe pas ou est hors de vos zones.");
    expect(errors.items[2].message).toContain('« many »');
    const paged = (await as<{ bulkUpdateErrors: { totalCount: number; items: { line: number }[] } }>('bu_manager', ERRORS, { id: update.id, first: 2, offset: 4 })).data!.bulkUpdateErrors;
    expect({ totalCount: paged.totalCount, lines: paged.items.map((i) => i.line) }).toEqual({ totalCount: 7, lines: [7, 7] });
    const apply = await as('bu_manager', APPLY, { id: update.id });
    expect(apply.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await households([good.id, other.id])).toEqual([good, other]);
    expect(await auditCount(update.id)).toBe(0);
  });

  it('holds extra-field values to the deployment schema\'s rules (range, pattern, length), as a single change is', async () => {
    const [schema] = await sql<{ version: number }>(api.databaseUrl, `SELECT version FROM registry.field_schema WHERE entity = 'HOUSEHOLD'`);
    const saved = await api.graphql('mutation($input: SaveFieldSchemaInput!) { saveFieldSchema(input: $input) { version } }', {
      input: {
        entity: 'HOUSEHOLD',
        version: schema?.version ?? 0,
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: {
            livestock: { type: 'integer', minimum: 0, maximum: 500 },
            waterPoint: { type: 'string', pattern: '^WP-[0-9]{3}$', maxLength: 6 },
          },
        },
      },
    });
    expect(saved.errors).toBeUndefined();
    const [a, b, c] = await households(north.slice(0, 3).map((h) => h.id));
    const csv = ['id,Livestock,Water point', `${a.id},12,WP-001`, `${b.id},900,WP-01`, `${c.id},-3,WP-002`].join('\n');
    const columns = [
      { column: 'Livestock', field: 'extra.livestock' },
      { column: 'Water point', field: 'extra.waterPoint' },
    ];
    const created = await create('bu_manager', csv, columns, 'HOUSEHOLD', 'pt');
    expect(created.data!.createBulkUpdate).toMatchObject({ status: 'INVALID', errorCount: 3 });
    const errors = (await as<{ bulkUpdateErrors: { items: { line: number; field: string | null; code: string; message: string }[] } }>('bu_manager', ERRORS, { id: created.data!.createBulkUpdate.id }, 'pt')).data!
      .bulkUpdateErrors.items;
    expect(errors.map(({ line, field, code }) => ({ line, field, code }))).toEqual([
      { line: 3, field: 'extra.livestock', code: 'maximum' },
      { line: 3, field: 'extra.waterPoint', code: 'pattern' },
      { line: 4, field: 'extra.livestock', code: 'minimum' },
    ]);
    expect(errors[0].message).toContain('500');
    expect(await households([a.id, b.id, c.id])).toEqual([a, b, c]);
    // the same values within the rules go through
    const good = await create('bu_manager', ['id,Livestock,Water point', `${a.id},12,WP-001`, `${b.id},500,WP-010`].join('\n'), columns);
    expect(good.data!.createBulkUpdate).toMatchObject({ status: 'READY', errorCount: 0, recordCount: 2 });
  });

  it('refuses fields a bulk update may not set and columns the file does not have', async () => {
    const uploadId = await upload('bu_manager', `id,Code\n${north[0].id},X-1\n`);
    expect((await as<{ bulkUpdateColumns: string[] }>('bu_manager', 'query($id: ID!) { bulkUpdateColumns(uploadId: $id) }', { id: uploadId })).data!.bulkUpdateColumns).toEqual(['id', 'Code']);
    const editable = (await as<{ bulkUpdateFields: { key: string }[] }>('bu_manager', 'query { bulkUpdateFields(recordType: INDIVIDUAL) { key } }')).data!.bulkUpdateFields.map((f) => f.key);
    expect(editable).toEqual(expect.arrayContaining(['givenName', 'familyName', 'birthDate', 'sex', 'disability']));
    expect(editable).not.toContain('householdId');
    const notEditable = await as('bu_manager', CREATE, { input: { uploadId, recordType: 'HOUSEHOLD', idColumn: 'id', columns: [{ column: 'Code', field: 'code' }] } }, 'pt');
    expect(notEditable.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'columns.0.field' }] });
    expect(notEditable.errors![0].extensions!['fieldErrors']).toEqual([expect.objectContaining({ message: 'O campo «code» não pode ser alterado por uma atualização em massa.' })]);
    const missing = await as('bu_manager', CREATE, { input: { uploadId, recordType: 'HOUSEHOLD', idColumn: 'id', columns: [{ column: 'Nope', field: 'address' }] } });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'columns.0.column' }] });
    const forbidden = await as('bu_viewer', CREATE, { input: { uploadId, recordType: 'HOUSEHOLD', idColumn: 'id', columns: [{ column: 'Code', field: 'address' }] } });
    expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
    // someone else's upload does not exist for the caller
    const foreign = await as('bu_north', CREATE, { input: { uploadId, recordType: 'HOUSEHOLD', idColumn: 'id', columns: [{ column: 'Code', field: 'address' }] } });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'uploadId' }] });
  });

  it('ends FAILED with a translated reason for a file that cannot be read, and a second run of the job changes nothing', async () => {
    const created = await create('bu_manager', `id,Address\n${north[0].id},"Rua sem fim\n`, [{ column: 'Address', field: 'address' }], 'HOUSEHOLD', 'fr');
    expect(created.data!.createBulkUpdate).toMatchObject({ status: 'FAILED', failureMessage: expect.stringContaining('Le fichier ne peut pas être lu') });
    // a job run again (redelivered, or retried after a crash) finds the update checked and does nothing twice
    const checked = await ready('bu_manager', `id,Address\n${north[0].id},Rua repetida\n`, [{ column: 'Address', field: 'address' }]);
    const state = (id: string) => sql(api.databaseUrl, `SELECT b.status, b.version, (SELECT count(*)::int FROM grm.bulk_update_change c WHERE c.bulk_update_id = b.id) AS changes FROM grm.bulk_update b WHERE b.id = $1`, [id]);
    const before = [await state(created.data!.createBulkUpdate.id), await state(checked.id)];
    expect(before[1]).toEqual([{ status: 'READY', version: expect.any(Number), changes: 1 }]);
    const service = api.app.get(BulkUpdateService);
    expect(await service.runCheck(created.data!.createBulkUpdate.id)).toBe('FAILED');
    expect(await service.runCheck(checked.id)).toBe('READY');
    expect([await state(created.data!.createBulkUpdate.id), await state(checked.id)]).toEqual(before);
  });

  it('lets a user restricted to an area touch no record outside it', async () => {
    const [inside] = north;
    const [outside] = await households([south[0].id]);
    const created = await create('bu_north', `id,Address\n${inside.id},Rua dentro\n${outside.id},Rua fora\n`, [{ column: 'Address', field: 'address' }]);
    expect(created.data!.createBulkUpdate).toMatchObject({ status: 'INVALID', errorCount: 1 });
    const errors = (await as<{ bulkUpdateErrors: { items: { line: number; code: string }[] } }>('bu_north', ERRORS, { id: created.data!.createBulkUpdate.id })).data!.bulkUpdateErrors;
    expect(errors.items).toEqual([expect.objectContaining({ line: 3, code: 'unknownRecord' })]);
    expect(await households([outside.id])).toEqual([outside]);
    // an update made by an unrestricted user is not visible to the restricted one
    const other = await ready('bu_manager', `id,Address\n${outside.id},Rua sul\n`, [{ column: 'Address', field: 'address' }]);
    expect((await as<{ bulkUpdate: Update | null }>('bu_north', GET, { id: other.id })).data!.bulkUpdate).toBeNull();
    const apply = await as('bu_north', APPLY, { id: other.id });
    expect(apply.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(await households([outside.id])).toEqual([outside]);
  });

  it('refuses the whole update when a record changed after the preview', async () => {
    const [a, b] = await households([north[4].id, north[5].id]);
    const update = await ready('bu_manager', `id,Rooms\n${a.id},${rooms(a.rooms, 5)}\n${b.id},${rooms(b.rooms, 5)}\n`, [{ column: 'Rooms', field: 'rooms' }]);
    await sql(api.databaseUrl, 'UPDATE registry.household SET rooms = 49, version = version + 1 WHERE id = $1', [b.id]);
    const applied = await as<{ applyBulkUpdate: Update }>('bu_manager', APPLY, { id: update.id });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyBulkUpdate).toMatchObject({ status: 'STALE', staleCount: 1 });
    const [a2, b2] = await households([a.id, b.id]);
    expect(a2).toEqual(a);
    expect(b2).toMatchObject({ rooms: 49, version: b.version + 1 });
    expect(await auditCount(update.id)).toBe(0);
    expect((await as('bu_manager', APPLY, { id: update.id })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('makes the update STALE when a record changes while its apply job waits, and a second run of the job writes nothing', async () => {
    const [a, b] = await households([north[4].id, north[5].id]);
    const update = await ready('bu_manager', `id,Rooms\n${a.id},${rooms(a.rooms, 3)}\n${b.id},${rooms(b.rooms, 3)}\n`, [{ column: 'Rooms', field: 'rooms' }]);
    // as the apply mutation leaves it while its job is queued (in-process jobs start at once, so the state is set here)
    await sql(api.databaseUrl, `UPDATE grm.bulk_update SET status = 'APPLYING' WHERE id = $1`, [update.id]);
    expect((await as('bu_manager', APPLY, { id: update.id })).errors![0].extensions!.code).toBe('CONFLICT');
    await sql(api.databaseUrl, 'UPDATE registry.household SET rooms = 48, version = version + 1 WHERE id = $1', [a.id]);
    const service = api.app.get(BulkUpdateService);
    await expect(service.runApply(update.id)).resolves.toBe('STALE');
    expect((await as<{ bulkUpdate: Update }>('bu_manager', GET, { id: update.id })).data!.bulkUpdate).toMatchObject({ status: 'STALE', staleCount: 1 });
    expect((await households([b.id]))[0]).toEqual(b);
    expect(await auditCount(update.id)).toBe(0);
    await expect(service.runApply(update.id)).resolves.toBe('STALE');
    expect((await households([b.id]))[0]).toEqual(b);
  });

  it('makes the update STALE when a record leaves the maker\'s areas while its apply job waits, writing nothing', async () => {
    const [a, b] = await households([north[2].id, north[3].id]);
    const update = await ready('bu_north', `id,Rooms\n${a.id},${rooms(a.rooms, 7)}\n${b.id},${rooms(b.rooms, 7)}\n`, [{ column: 'Rooms', field: 'rooms' }]);
    await sql(api.databaseUrl, `UPDATE grm.bulk_update SET status = 'APPLYING' WHERE id = $1`, [update.id]);
    // moved to the other district without a new version: only the maker's scope can catch it
    const [{ path: before }] = await sql<{ path: string }>(api.databaseUrl, 'SELECT area_path AS path FROM registry.household WHERE id = $1', [b.id]);
    const south = await areaOf('DL-02');
    await sql(api.databaseUrl, 'UPDATE registry.household SET area_path = $2 WHERE id = $1', [b.id, south.path]);
    try {
      const [{ id: userId }] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM core."user" WHERE username = 'bu_north'`);
      const actor = await api.app.get(ActorService).forUserId(userId);
      const service = api.app.get(BulkUpdateService);
      // as the job runner runs it: as its maker, with the maker's areas as they are now
      await expect(RequestContext.run({ ...RequestContext.system('test'), actor }, () => service.runApply(update.id))).resolves.toBe('STALE');
      expect((await as<{ bulkUpdate: Update }>('bu_manager', GET, { id: update.id })).data!.bulkUpdate).toMatchObject({ status: 'STALE', staleCount: 1 });
      expect(await households([a.id, b.id])).toEqual([a, b]);
      expect(await auditCount(update.id)).toBe(0);
    } finally {
      await sql(api.databaseUrl, 'UPDATE registry.household SET area_path = $2 WHERE id = $1', [b.id, before]);
    }
  });

  it('updates people: names, birth dates and sex, each value checked', async () => {
    const people = await sql<{ id: string; given_name: string; birth_date: string | null; sex: string; version: number }>(
      api.databaseUrl,
      `SELECT id, given_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, version FROM registry.individual WHERE area_path LIKE (SELECT path FROM geo.admin_area WHERE code = 'DL-01') || '%' ORDER BY id LIMIT 2`,
    );
    const columns = [
      { column: 'Given', field: 'givenName' },
      { column: 'Born', field: 'birthDate' },
      { column: 'Sex', field: 'sex' },
    ];
    const bad = await create('bu_manager', `id,Given,Born,Sex\n${people[0].id},Ana,2020-02-30,F\n${people[1].id},${'x'.repeat(101)},1990-01-01,X\n`, columns, 'INDIVIDUAL');
    expect(bad.data!.createBulkUpdate).toMatchObject({ status: 'INVALID', errorCount: 3 });
    const good = await create('bu_manager', `id,Given,Born,Sex\n${people[0].id},Ana Maria,2020-02-29,F\n${people[1].id},Joaquim,1990-01-01,M\n`, columns, 'INDIVIDUAL');
    expect(good.data!.createBulkUpdate.status).toBe('READY');
    const applied = await applyAndRun('bu_manager', good.data!.createBulkUpdate.id);
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyBulkUpdate.status).toBe('APPLIED');
    const after = await sql<{ given_name: string; birth_date: string; sex: string; given_norm: string }>(
      api.databaseUrl,
      `SELECT given_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, given_norm FROM registry.individual WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [people.map((p) => p.id)],
    );
    expect(after.map(({ given_name, birth_date, sex }) => ({ given_name, birth_date, sex }))).toEqual([
      { given_name: 'Ana Maria', birth_date: '2020-02-29', sex: 'F' },
      { given_name: 'Joaquim', birth_date: '1990-01-01', sex: 'M' },
    ]);
    // the registry's own trigger keeps the search form of the name
    expect(after[1].given_norm).toBe('joaquim');
  });

  it('rebuilds the table\'s secondary indexes once for an update of a large share of it that writes an indexed column, keeps them when the update stays on the rows\' pages or a reader holds the table', async () => {
    const indexes = async (table: string) =>
      sql<{ name: string; oid: number; definition: string; unique: boolean }>(
        api.databaseUrl,
        `SELECT c.relname AS name, c.oid::int AS oid, pg_get_indexdef(c.oid) AS definition, x.indisunique AS unique
           FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = $1::regclass ORDER BY c.relname`,
        [table],
      );
    const people = await sql<{ id: string }>(
      api.databaseUrl,
      `SELECT id FROM registry.individual WHERE area_path LIKE (SELECT path FROM geo.admin_area WHERE code = 'DL-01') || '%' ORDER BY id OFFSET 2 LIMIT 2`,
    );
    const rows = async () =>
      sql<{ occupation: string; given_name: string; given_norm: string; page: string }>(
        api.databaseUrl,
        `SELECT occupation, given_name, given_norm, (ctid::text::point)[0]::text AS page FROM registry.individual WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [people.map((p) => p.id)],
      );
    const updateTo = async (field: 'occupation' | 'givenName', label: string) => {
      const created = await create('bu_manager', `id,Value\n${people.map((p) => `${p.id},${label} ${p.id.slice(0, 4)}`).join('\n')}\n`, [{ column: 'Value', field }], 'INDIVIDUAL');
      expect(created.data!.createBulkUpdate.status).toBe('READY');
      const applied = await applyAndRun('bu_manager', created.data!.createBulkUpdate.id);
      expect(applied.data!.applyBulkUpdate.status).toBe('APPLIED');
      expect((await rows()).map((r) => (field === 'occupation' ? r.occupation : r.given_name))).toEqual(people.map((p) => `${label} ${p.id.slice(0, 4)}`));
    };
    const env = { GRM_BULK_INDEX_THRESHOLD: '1', GRM_BULK_INDEX_RATIO: '0', REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS: '300' };
    Object.assign(process.env, env);
    try {
      const [people0, households0] = [await indexes('registry.individual'), await indexes('registry.household')];
      // an occupation is in no index: the new versions stay on their pages, no index is dropped or rebuilt
      const pages0 = (await rows()).map((r) => r.page);
      await updateTo('occupation', 'Farmer');
      expect(await indexes('registry.individual')).toEqual(people0);
      expect((await rows()).map((r) => r.page)).toEqual(pages0);

      // a given name is (its search form, written by the registry's trigger): the indexes are rebuilt once
      await updateTo('givenName', 'Zoe');
      expect((await rows()).map((r) => r.given_norm.slice(0, 3))).toEqual(['zoe', 'zoe']);
      const people1 = await indexes('registry.individual');
      // the same indexes, with the same definitions; the droppable ones rebuilt (new oid), the unique ones kept
      expect(people1.map(({ name, definition }) => ({ name, definition }))).toEqual(people0.map(({ name, definition }) => ({ name, definition })));
      const rebuilt = people1.filter((ix, i) => ix.oid !== people0[i].oid);
      expect(rebuilt.map((ix) => ix.name)).toEqual(expect.arrayContaining(['individual_given_idx', 'individual_household_idx', 'individual_phones_idx']));
      expect(rebuilt.filter((ix) => ix.unique)).toEqual([]);
      // only the updated table's
      expect(await indexes('registry.household')).toEqual(households0);

      // a reader holding the table: the apply does not queue behind it, it keeps the indexes and updates row by row
      const reader = new Client({ connectionString: api.databaseUrl });
      await reader.connect();
      try {
        await reader.query('BEGIN');
        await reader.query('SELECT 1 FROM registry.individual LIMIT 1');
        await updateTo('givenName', 'Yara');
        expect(await indexes('registry.individual')).toEqual(people1);
      } finally {
        await reader.query('ROLLBACK');
        await reader.end();
      }
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
  });

  it('runs in the worker process too: its module provides the check job\'s processor', async () => {
    const worker = await startWorker([coreDefinition, geoDefinition, registryDefinition, grmDefinition], {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: api.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `bulk-spec-${process.pid}`,
    });
    try {
      expect(worker.get(BulkUpdateService, { strict: false })).toBeInstanceOf(BulkUpdateService);
    } finally {
      await worker.close();
    }
  });

  describe('with an approval flow on grm.bulkUpdates.apply', () => {
    beforeAll(async () => {
      const saved = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
        input: { operation: 'grm.bulkUpdates.apply', enabled: true, levels: [{ roles: ['bu_checker'], policy: 'ANY' }] },
      });
      expect(saved.errors).toBeUndefined();
    });

    it('applies nothing until approved, then applies as the maker', async () => {
      const [h] = await households([north[2].id]);
      const update = await ready('bu_manager', `id,Rooms\n${h.id},${rooms(h.rooms, 7)}\n`, [{ column: 'Rooms', field: 'rooms' }]);
      const held = await as('bu_manager', APPLY, { id: update.id });
      expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
      const pendingOperationId = held.errors![0].extensions!['pendingOperationId'] as string;
      expect(await households([h.id])).toEqual([h]);
      expect((await as<{ bulkUpdate: Update }>('bu_manager', GET, { id: update.id })).data!.bulkUpdate.status).toBe('READY');
      const approved = await as<{ approveOperation: { status: string; error: string | null } }>('bu_checker', 'mutation($id: ID!) { approveOperation(id: $id) { status error } }', { id: pendingOperationId });
      expect(approved.data!.approveOperation).toMatchObject({ status: 'EXECUTED', error: null });
      await eventually(async () => {
        await api.drainJobs();
        return (await as<{ bulkUpdate: Update }>('bu_manager', GET, { id: update.id })).data!.bulkUpdate.status === 'APPLIED' || undefined;
      });
      expect((await households([h.id]))[0]).toMatchObject({ rooms: rooms(h.rooms, 7), version: h.version + 1 });
      expect((await sql<{ username: string }>(api.databaseUrl, `SELECT username FROM core.audit_log WHERE details ->> 'bulkUpdateId' = $1`, [update.id]))[0].username).toBe('bu_manager');
    });
  });
});
