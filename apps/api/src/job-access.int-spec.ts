import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ActorService, JobService, RequestContext } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';

const PASSWORD = 'Job-access#2026-ok';
const JOB = 'query($id: ID!) { job(id: $id) { id status result createdBy } }';
const CANCEL = 'mutation($id: ID!) { cancelJob(id: $id) { id status } }';

/** `job(id)` and `cancelJob`: the owner, or core.jobs.viewAll within the areas the creator had; NOT_FOUND otherwise. */
describe('who may follow a job', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let northJob: string;
  let adminJob: string;

  const as = <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown>, lang?: string) =>
    api.graphql<T>(query, variables, { token: tokens[user], lang });

  /** A QUEUED job of a queue nobody consumes, as `username` would enqueue it in a request. */
  const enqueueAs = async (username: string, result: unknown = null): Promise<string> => {
    const actor = await api.app.get(ActorService).forUserId(userIds[username]);
    const job = await RequestContext.run({ ...RequestContext.system('req-job-access'), actor }, () =>
      api.app.get(JobService).enqueue('test.unconsumed', 'probe', { secret: 'payload' }, { createdBy: actor!.userId }),
    );
    // the in-process runner takes it at once and fails it (no processor): let it finish before putting it back in the
    // queue, or its FAILED may land after the reset (it did, under load)
    await api.app.get(JobService).waitFor(job.id, 10_000);
    await api.drainJobs();
    await sql(api.databaseUrl, `UPDATE core.job SET status = 'QUEUED', result = $2::jsonb, error_message = NULL, finished_at = NULL WHERE id = $1`, [job.id, JSON.stringify(result)]);
    return job.id;
  };

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE.filter((m) => ['core', 'geo'].includes(m.key)), { DEMO_DATA: 'true' });
    const roles: Record<string, string[]> = {
      jobowner: ['core.jobs.view', 'core.jobs.cancel'],
      jobwatcher: ['core.jobs.view', 'core.jobs.viewAll', 'core.jobs.cancel'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
      expect(saved.errors).toBeUndefined();
    }
    const areas = Object.fromEntries((await sql<{ code: string; id: string }>(api.databaseUrl, `SELECT code, id FROM geo.admin_area WHERE code IN ('DL-01', 'DL-02')`)).map((a) => [a.code, a.id]));
    const users: [string, string, string[] | null][] = [
      ['owner', 'jobowner', [areas['DL-01']]],
      ['peer', 'jobowner', [areas['DL-01']]],
      ['watcherNorth', 'jobwatcher', [areas['DL-01']]],
      ['watcherSouth', 'jobwatcher', [areas['DL-02']]],
      ['watcherAll', 'jobwatcher', null],
    ];
    for (const [username, role, areaIds] of users) {
      await api.createUser(username, PASSWORD, role, areaIds);
      tokens[username] = (await api.login(username, PASSWORD)).accessToken;
    }
    for (const row of await sql<{ id: string; username: string }>(api.databaseUrl, 'SELECT id, username FROM core."user"')) userIds[row.username] = row.id;
    northJob = await enqueueAs('owner', { households: 12 });
    adminJob = await enqueueAs('test-admin', { households: 99 });
  });

  afterAll(() => api?.stop());

  it('stores the creator, their areas and the request that queued the job', async () => {
    const [row] = await sql<{ created_by: string; creator_area_paths: string[]; request_id: string }>(api.databaseUrl, 'SELECT created_by, creator_area_paths, request_id FROM core.job WHERE id = $1', [northJob]);
    const [north] = await sql<{ path: string }>(api.databaseUrl, `SELECT path FROM geo.admin_area WHERE code = 'DL-01'`);
    expect(row).toEqual({ created_by: userIds.owner, creator_area_paths: [north.path], request_id: 'req-job-access' });
  });

  it('shows a job to its owner and to watchers whose areas cover the creator’s', async () => {
    for (const user of ['owner', 'watcherNorth', 'watcherAll']) {
      const seen = await as<{ job: { id: string; result: unknown } }>(user, JOB, { id: northJob });
      expect({ user, job: seen.data?.job }).toEqual({ user, job: { id: northJob, status: 'QUEUED', result: { households: 12 }, createdBy: userIds.owner } });
    }
    expect((await api.graphql<{ job: { id: string } }>(JOB, { id: adminJob })).data!.job.id).toBe(adminJob);
  });

  it('answers NOT_FOUND, as for a job that does not exist, to everyone else', async () => {
    const missing = await as('owner', JOB, { id: '0190a3b4-0000-7000-8000-000000000000' }, 'fr');
    expect(missing.errors![0]).toMatchObject({ message: 'Cette tâche de fond n’existe pas.', extensions: { code: 'NOT_FOUND' } });
    const refusals: [string, string][] = [
      ['peer', northJob], // same areas, but neither the owner nor a watcher
      ['watcherSouth', northJob], // a watcher of other areas
      ['watcherNorth', adminJob], // a restricted watcher, for a job of an unrestricted creator
      ['owner', adminJob],
    ];
    for (const [user, id] of refusals) {
      const refused = await as(user, JOB, { id }, 'fr');
      expect({ user, data: refused.data?.job ?? null, error: refused.errors?.[0] }).toEqual({ user, data: null, error: expect.objectContaining({ message: missing.errors![0].message, extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }) });
      const cancel = await as(user, CANCEL, { id });
      expect(cancel.errors![0].extensions!.code).toBe('NOT_FOUND');
    }
    const [row] = await sql<{ status: string }>(api.databaseUrl, 'SELECT status FROM core.job WHERE id = $1', [northJob]);
    expect(row.status).toBe('QUEUED');
  });

  it('lets the owner or a covering watcher cancel', async () => {
    expect((await as<{ cancelJob: { status: string } }>('watcherNorth', CANCEL, { id: northJob })).data!.cancelJob.status).toBe('CANCELLED');
    const mine = await enqueueAs('owner');
    expect((await as<{ cancelJob: { status: string } }>('owner', CANCEL, { id: mine })).data!.cancelJob.status).toBe('CANCELLED');
    expect((await as('owner', CANCEL, { id: mine })).errors![0].extensions!.code).toBe('CONFLICT');
  });
});
