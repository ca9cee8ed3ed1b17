import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { AUTHENTICATED_OPERATION, PUBLIC_OPERATION, REQUIRED_PERMISSIONS } from '@coremis/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuthRefusalAuditor } from '@coremis/core';
import { postGraphql, sql, startTestApi, TEST_ADMIN, TEST_REDIS_URL, type GraphqlResponse, type TestApi } from '@coremis/core/testing';
import { authenticator } from 'otplib';
import { Client } from 'pg';

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { status accessToken refreshToken challengeToken user { username mustChangePassword } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';
const ME = '{ me { username } }';

interface LoginResult {
  login: { status: string; accessToken: string | null; refreshToken: string | null; challengeToken: string | null };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('identity and access', () => {
  let api: TestApi;
  const login = (username: string, password: string, lang?: string) => api.graphql<LoginResult>(LOGIN, { input: { username, password } }, { token: null, lang });

  beforeAll(async () => {
    // sign-in throttling has its own tests below; this file signs in more than 30 times a minute
    api = await startTestApi(MODULE_CATALOGUE, { DEMO_DATA: 'true', LOGIN_RATE_PER_MINUTE: '1000' });
  });

  afterAll(() => api?.stop());

  it('refuses anonymous calls to protected operations, in the caller’s language', async () => {
    const result = await api.graphql('{ adminLevels { code } }', {}, { token: null, lang: 'fr' });
    expect(result.errors![0]).toMatchObject({ message: 'Veuillez vous connecter.', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await api.graphql('{ enabledModules { key } }', {}, { token: null })).errors).toBeUndefined();
  });

  it('logs in the demo users and refuses wrong passwords without saying which part was wrong', async () => {
    const ok = await login('officer', 'Officer#2026-demo');
    expect(ok.data!.login.status).toBe('AUTHENTICATED');
    const me = await api.graphql<{ me: { username: string } }>(ME, {}, { token: ok.data!.login.accessToken });
    expect(me.data!.me.username).toBe('officer');
    const wrongPassword = await login('officer', 'nope-nope-nope', 'pt');
    const unknownUser = await login('nobody', 'nope-nope-nope', 'pt');
    expect(wrongPassword.errors![0].message).toBe('Nome de utilizador ou palavra-passe incorretos.');
    expect(unknownUser.errors![0].message).toBe(wrongPassword.errors![0].message);
  });

  it('answers a locked account exactly like a wrong password or an unknown user, with the same work, and still audits the lock', async () => {
    await api.createUser('lockme', 'Lock-me#2026-ok', 'programme_officer');
    // what a client sees: everything but the request id
    const seen = (r: GraphqlResponse<unknown>) => ({ status: r.status, data: r.data, errors: r.errors!.map(({ extensions, ...e }) => ({ ...e, extensions: { ...extensions, requestId: undefined } })) });
    const timed = async (username: string, password: string) => {
      const started = process.hrtime.bigint();
      const result = await login(username, password, 'fr');
      return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const wrong: { result: GraphqlResponse<LoginResult>; ms: number }[] = [];
    for (let i = 0; i < 5; i++) wrong.push(await timed('lockme', `wrong-password-${i}`));
    const unknown = [await timed('nobody-here', 'wrong-password-x'), await timed('nobody-here', 'wrong-password-y')];
    // locked now: even the right password gets the very same answer
    const locked = [await timed('lockme', 'Lock-me#2026-ok'), await timed('lockme', 'Lock-me#2026-ok'), await timed('lockme', 'wrong-password-z')];
    expect(seen(wrong[0].result).errors[0]).toMatchObject({ message: 'Nom d’utilisateur ou mot de passe incorrect.', extensions: { code: 'UNAUTHENTICATED' } });
    for (const attempt of [...wrong, ...unknown, ...locked]) expect(seen(attempt.result)).toEqual(seen(wrong[0].result));
    // the password hash is checked on a locked account too: no shortcut to time
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(locked.map((a) => a.ms))).toBeGreaterThan(median(wrong.map((a) => a.ms)) * 0.5);

    const audit = await sql<{ action: string; details: { reason?: string } }>(api.databaseUrl, `SELECT action, details FROM core.audit_log WHERE username = 'lockme' ORDER BY id`);
    expect(audit.filter((a) => a.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'LOGIN_FAILED' && a.details.reason === 'locked')).toHaveLength(3);
    const user = await api.graphql<{ users: { edges: { node: { id: string } }[] } }>('{ users(search: "lockme") { edges { node { id } } } }');
    await api.graphql('mutation($id: ID!) { unlockUser(id: $id) { id } }', { id: user.data!.users.edges[0].node.id });
    expect((await login('lockme', 'Lock-me#2026-ok')).data!.login.status).toBe('AUTHENTICATED');
  });

  it('lets one tab refresh the same token in parallel within the grace window: every call gets the same new pair of the same session', async () => {
    const first = (await login('officer', 'Officer#2026-demo')).data!.login;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: first.refreshToken }, { token: null })),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const pairs = results.map((r) => r.data!.refreshSession);
    expect(new Set(pairs.map((p) => p.refreshToken)).size).toBe(1);
    expect(pairs[0].refreshToken).not.toBe(first.refreshToken);
    const sid = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid as string;
    expect(new Set(pairs.map((p) => sid(p.accessToken)))).toEqual(new Set([sid(first.accessToken!)]));
    for (const p of pairs) expect((await api.graphql(ME, {}, { token: p.accessToken })).errors).toBeUndefined();
    expect(await sql(api.databaseUrl, `SELECT 1 FROM core.session WHERE id = $1 AND revoked_at IS NULL`, [sid(first.accessToken!)])).toHaveLength(1);
    // the replacement is stored sealed, never in clear
    const [stored] = await sql<{ replaced_by_sealed: string }>(api.databaseUrl, `SELECT replaced_by_sealed FROM core.refresh_token WHERE token_hash = $1`, [sha256(first.refreshToken!)]);
    expect(stored.replaced_by_sealed).not.toContain(pairs[0].refreshToken);

    // the new token works (once, as ever); then the old one again, though still within the window, is a reuse
    const third = (await api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: pairs[0].refreshToken }, { token: null })).data!.refreshSession;
    expect((await api.graphql(REFRESH, { t: first.refreshToken }, { token: null })).errors![0].message).toMatch(/used twice/);
    expect((await api.graphql(ME, {}, { token: third.accessToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('revokes the session when a rotated token comes back after the grace window, even in parallel', async () => {
    const first = (await login('officer', 'Officer#2026-demo')).data!.login;
    const second = (await api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: first.refreshToken }, { token: null })).data!.refreshSession;
    await sql(api.databaseUrl, `UPDATE core.refresh_token SET used_at = used_at - interval '11 seconds' WHERE token_hash = $1`, [sha256(first.refreshToken!)]);
    const replays = await Promise.all(Array.from({ length: 3 }, () => api.graphql(REFRESH, { t: first.refreshToken }, { token: null })));
    for (const r of replays) expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(REFRESH, { t: second.refreshToken }, { token: null })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(ME, {}, { token: second.accessToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (await login('officer', 'Officer#2026-demo')).data!.login;
    const second = (await api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: first.refreshToken }, { token: null })).data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await api.graphql(ME, {}, { token: second.accessToken })).errors).toBeUndefined();

    // later than REFRESH_GRACE_SECONDS after the rotation (within it, one tab's parallel refreshes share the new pair)
    await sql(api.databaseUrl, `UPDATE core.refresh_token SET used_at = used_at - interval '11 seconds' WHERE token_hash = $1`, [sha256(first.refreshToken!)]);
    const replay = await api.graphql(REFRESH, { t: first.refreshToken }, { token: null });
    expect(replay.errors![0].message).toMatch(/used twice/);
    // the family is gone: the newest refresh token and the access token stop working too
    expect((await api.graphql(REFRESH, { t: second.refreshToken }, { token: null })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(ME, {}, { token: second.accessToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('ends sessions after 30 minutes idle and after 12 hours in any case', async () => {
    const idle = (await login('officer', 'Officer#2026-demo')).data!.login;
    const old = (await login('officer', 'Officer#2026-demo')).data!.login;
    const sessions = await sql<{ id: string }>(api.databaseUrl, `SELECT s.id FROM core.session s JOIN core."user" u ON u.id = s.user_id WHERE u.username = 'officer' ORDER BY s.created_at DESC LIMIT 2`);
    await sql(api.databaseUrl, `UPDATE core.session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [sessions[1].id]);
    await sql(api.databaseUrl, `UPDATE core.session SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessions[0].id]);
    for (const token of [idle.accessToken, old.accessToken]) {
      const result = await api.graphql(ME, {}, { token, lang: 'fr' });
      expect(result.errors![0].message).toBe('Votre session a pris fin (inactivité ou durée maximale). Veuillez vous reconnecter.');
    }
    expect((await api.graphql(REFRESH, { t: idle.refreshToken }, { token: null })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lists and revokes the user’s own sessions; changing the password ends the others', async () => {
    await api.createUser('sessions', 'Sessions#2026-ok', 'programme_officer');
    const a = (await login('sessions', 'Sessions#2026-ok')).data!.login;
    const b = (await login('sessions', 'Sessions#2026-ok')).data!.login;
    const list = await api.graphql<{ mySessions: { id: string; current: boolean }[] }>('{ mySessions { id current ip } }', {}, { token: a.accessToken });
    expect(list.data!.mySessions).toHaveLength(2);
    expect(list.data!.mySessions.filter((s) => s.current)).toHaveLength(1);

    const changed = await api.graphql('mutation($input: ChangePasswordInput!) { changePassword(input: $input) }', { input: { currentPassword: 'Sessions#2026-ok', newPassword: 'Sessions#2026-new' } }, { token: a.accessToken });
    expect(changed.errors).toBeUndefined();
    expect((await api.graphql(ME, {}, { token: a.accessToken })).errors).toBeUndefined();
    expect((await api.graphql(ME, {}, { token: b.accessToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await login('sessions', 'Sessions#2026-ok')).errors).toBeDefined();
    const short = await api.graphql('mutation($input: ChangePasswordInput!) { changePassword(input: $input) }', { input: { currentPassword: 'Sessions#2026-new', newPassword: 'short' } }, { token: a.accessToken });
    expect(short.errors![0].extensions!.fieldErrors).toEqual([{ field: 'newPassword', message: 'must be at least 12 characters long' }]);
  });

  it('authenticates a request in one SQL statement that records activity at most once a minute, with no cache: revocation and disabling apply to the very next request', async () => {
    await api.createUser('oneshot', 'One-shot-user#2026', 'programme_officer');
    const a = (await login('oneshot', 'One-shot-user#2026')).data!.login;
    const b = (await login('oneshot', 'One-shot-user#2026')).data!.login;
    const sessionOf = async (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid as string;
    const lastSeen = async (sid: string) => (await sql<{ seconds: number }>(api.databaseUrl, `SELECT extract(epoch FROM now() - last_seen_at)::float AS seconds FROM core.session WHERE id = $1`, [sid]))[0].seconds;
    const sidA = await sessionOf(a.accessToken!);

    // myPermissions reads the actor only: every statement of the request is authentication
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      expect((await api.graphql('{ myPermissions }', {}, { token: a.accessToken })).errors).toBeUndefined();
      expect(spy.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text))).toEqual([expect.stringContaining('core.session')]);
    } finally {
      spy.mockRestore();
    }

    await sql(api.databaseUrl, `UPDATE core.session SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [sidA]);
    expect((await api.graphql<{ myPermissions: string[] }>('{ myPermissions }', {}, { token: a.accessToken })).data!.myPermissions).toContain('geo.areas.view');
    expect(await lastSeen(sidA)).toBeLessThan(5);
    await sql(api.databaseUrl, `UPDATE core.session SET last_seen_at = now() - interval '20 seconds' WHERE id = $1`, [sidA]);
    expect((await api.graphql(ME, {}, { token: a.accessToken })).errors).toBeUndefined();
    expect(await lastSeen(sidA)).toBeGreaterThanOrEqual(19);

    const revoked = await api.graphql('mutation($id: ID!) { revokeSession(id: $id) }', { id: await sessionOf(b.accessToken!) }, { token: a.accessToken });
    expect(revoked.errors).toBeUndefined();
    expect((await api.graphql(ME, {}, { token: b.accessToken })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await sql(api.databaseUrl, `UPDATE core."user" SET is_active = false WHERE username = 'oneshot'`);
    expect((await api.graphql(ME, {}, { token: a.accessToken })).errors![0].message).toMatch(/disabled/);
  });

  it('enrols TOTP, requires it at login, refuses a reused code, and accepts a recovery code once', async () => {
    await api.createUser('totp', 'Totp-user#2026', 'programme_officer');
    const token = (await login('totp', 'Totp-user#2026')).data!.login.accessToken!;
    const begun = await api.graphql<{ beginTwoFactorEnrolment: { secret: string; qrCodeDataUrl: string; otpauthUrl: string } }>('mutation { beginTwoFactorEnrolment { secret otpauthUrl qrCodeDataUrl } }', {}, { token });
    const { secret, qrCodeDataUrl, otpauthUrl } = begun.data!.beginTwoFactorEnrolment;
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain('otpauth://totp/CoreMIS:totp');
    // codes are derived from one instant so that a 30-second step boundary cannot change the story
    const enrolledAt = Date.now();
    const completed = await api.graphql<{ completeTwoFactorEnrolment: { recoveryCodes: string[] } }>(
      'mutation($input: CompleteTwoFactorEnrolmentInput!) { completeTwoFactorEnrolment(input: $input) { recoveryCodes } }',
      { input: { code: authenticator.clone({ epoch: enrolledAt }).generate(secret) } },
      { token },
    );
    const recoveryCodes = completed.data!.completeTwoFactorEnrolment.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);

    const step1 = (await login('totp', 'Totp-user#2026')).data!.login;
    expect(step1).toMatchObject({ status: 'TWO_FACTOR_REQUIRED', accessToken: null });
    const verify = 'mutation($input: VerifyTwoFactorInput!) { verifyTwoFactor(input: $input) { status accessToken } }';
    // the enrolment consumed the current step: the same code again is a replay
    const replay = await api.graphql(verify, { input: { challengeToken: step1.challengeToken, code: authenticator.clone({ epoch: enrolledAt }).generate(secret) } }, { token: null, lang: 'fr' });
    expect(replay.errors![0].extensions!.fieldErrors).toEqual([{ field: 'code', message: 'Ce code a déjà été utilisé. Attendez le code suivant.' }]);
    const nextStep = authenticator.clone({ epoch: enrolledAt + 30_000 }).generate(secret);
    const ok = await api.graphql<{ verifyTwoFactor: { status: string; accessToken: string } }>(verify, { input: { challengeToken: step1.challengeToken, code: nextStep } }, { token: null });
    expect(ok.data!.verifyTwoFactor.status).toBe('AUTHENTICATED');
    const again = await api.graphql(verify, { input: { challengeToken: step1.challengeToken, code: nextStep } }, { token: null });
    expect(again.errors![0].extensions!.fieldErrors![0].field).toBe('code');

    const step2 = (await login('totp', 'Totp-user#2026')).data!.login;
    const recovered = await api.graphql<{ verifyTwoFactor: { status: string } }>(verify, { input: { challengeToken: step2.challengeToken, recoveryCode: recoveryCodes[0].toUpperCase() } }, { token: null });
    expect(recovered.data!.verifyTwoFactor.status).toBe('AUTHENTICATED');
    const reusedRecovery = await api.graphql(verify, { input: { challengeToken: step2.challengeToken, recoveryCode: recoveryCodes[0] } }, { token: null });
    expect(reusedRecovery.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('switches several accounts off and on at once: audited, sessions ended, all or nothing on bad input', async () => {
    const SET = 'mutation($input: SetUsersActiveInput!) { setUsersActive(input: $input) { changed unchanged } }';
    for (const name of ['bulk-a', 'bulk-b', 'bulk-c']) await api.createUser(name, 'Bulk-user#2026-ok', 'programme_officer');
    const ids = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM core."user" WHERE username LIKE 'bulk-%' ORDER BY username`)).map((r) => r.id);
    const session = (await login('bulk-a', 'Bulk-user#2026-ok')).data!.login.accessToken!;
    expect((await api.graphql('{ me { username } }', {}, { token: session })).data).toEqual({ me: { username: 'bulk-a' } });

    const unknown = await api.graphql(SET, { input: { ids: [...ids, '00000000-0000-4000-8000-000000000000'], active: false } }, { lang: 'fr' });
    expect(unknown.errors![0].extensions!.fieldErrors).toEqual([{ field: 'ids', message: '1 de ces utilisateurs n’existent pas.' }]);
    expect((await api.graphql(SET, { input: { ids: [], active: false } })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const [{ id: adminId }] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM core."user" WHERE username = $1`, [TEST_ADMIN.username]);
    const self = await api.graphql(SET, { input: { ids: [ids[0], adminId], active: false } });
    expect(self.errors![0].extensions!.fieldErrors![0].field).toBe('ids');
    expect(await sql(api.databaseUrl, `SELECT 1 FROM core."user" WHERE username LIKE 'bulk-%' AND NOT is_active`)).toHaveLength(0);
    const officer = await api.login('officer', 'Officer#2026-demo');
    expect((await api.graphql(SET, { input: { ids, active: false } }, { token: officer.accessToken })).errors![0].extensions!.code).toBe('FORBIDDEN');

    expect((await api.graphql(SET, { input: { ids, active: false } })).data).toEqual({ setUsersActive: { changed: 3, unchanged: 0 } });
    expect((await api.graphql(SET, { input: { ids, active: false } })).data).toEqual({ setUsersActive: { changed: 0, unchanged: 3 } });
    expect((await api.graphql('{ me { username } }', {}, { token: session })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const audited = await sql<{ entity_id: string; changes: { isActive: { before: boolean; after: boolean } } }>(
      api.databaseUrl,
      `SELECT entity_id, changes FROM core.audit_log WHERE entity_type = 'User' AND action = 'UPDATE' AND entity_id = ANY($1) ORDER BY entity_id`,
      [ids],
    );
    expect(audited.map((a) => a.changes.isActive)).toEqual(ids.map(() => ({ before: true, after: false })));
    expect((await api.graphql(SET, { input: { ids: ids.slice(0, 2), active: true } })).data).toEqual({ setUsersActive: { changed: 2, unchanged: 0 } });
    expect((await login('bulk-a', 'Bulk-user#2026-ok')).data!.login.accessToken).toBeTruthy();
  });

  it('stops second-factor guessing: after the allowed failures even the right code is refused until the lock ends', async () => {
    await api.createUser('totp-guess', 'Totp-guess#2026', 'programme_officer');
    const token = (await login('totp-guess', 'Totp-guess#2026')).data!.login.accessToken!;
    const { secret } = (await api.graphql<{ beginTwoFactorEnrolment: { secret: string } }>('mutation { beginTwoFactorEnrolment { secret } }', {}, { token })).data!.beginTwoFactorEnrolment;
    const enrolledAt = Date.now();
    await api.graphql('mutation($input: CompleteTwoFactorEnrolmentInput!) { completeTwoFactorEnrolment(input: $input) { recoveryCodes } }', { input: { code: authenticator.clone({ epoch: enrolledAt }).generate(secret) } }, { token });
    const { challengeToken } = (await login('totp-guess', 'Totp-guess#2026')).data!.login;
    const verify = 'mutation($input: VerifyTwoFactorInput!) { verifyTwoFactor(input: $input) { status } }';
    const right = authenticator.clone({ epoch: enrolledAt + 30_000 }).generate(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) { // LOGIN_MAX_FAILURES
      const answer = await api.graphql(verify, { input: { challengeToken, code: wrong } }, { token: null });
      expect(answer.errors![0].extensions!.fieldErrors![0].field).toBe('code');
    }
    const locked = await api.graphql(verify, { input: { challengeToken, code: right } }, { token: null, lang: 'pt' });
    expect(locked.errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.data?.verifyTwoFactor ?? null).toBeNull();
    await sql(api.databaseUrl, `UPDATE core."user" SET locked_until = NULL, failed_attempts = 0 WHERE username = 'totp-guess'`);
    const unlocked = await api.graphql<{ verifyTwoFactor: { status: string } }>(verify, { input: { challengeToken, code: right } }, { token: null });
    expect(unlocked.data!.verifyTwoFactor.status).toBe('AUTHENTICATED');
  });

  it('makes TOTP mandatory for roles that require it: enrol first, then enter', async () => {
    const role = await api.graphql<{ saveRole: { id: string } }>('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', {
      input: { code: 'finance', name: 'Finance', permissions: ['geo.areas.view'], requireTwoFactor: true },
    });
    expect(role.errors).toBeUndefined();
    await api.createUser('finance1', 'Finance-user#2026', 'finance');
    const step1 = (await login('finance1', 'Finance-user#2026')).data!.login;
    expect(step1).toMatchObject({ status: 'TWO_FACTOR_ENROLMENT_REQUIRED', accessToken: null });
    const begun = await api.graphql<{ beginTwoFactorEnrolment: { secret: string } }>('mutation($c: String) { beginTwoFactorEnrolment(challengeToken: $c) { secret } }', { c: step1.challengeToken }, { token: null });
    const done = await api.graphql<{ completeTwoFactorEnrolment: { auth: { status: string; accessToken: string } } }>(
      'mutation($input: CompleteTwoFactorEnrolmentInput!) { completeTwoFactorEnrolment(input: $input) { recoveryCodes auth { status accessToken } } }',
      { input: { challengeToken: step1.challengeToken, code: authenticator.generate(begun.data!.beginTwoFactorEnrolment.secret) } },
      { token: null },
    );
    expect(done.data!.completeTwoFactorEnrolment.auth.status).toBe('AUTHENTICATED');
    expect((await api.graphql('{ adminLevels { code } }', {}, { token: done.data!.completeTwoFactorEnrolment.auth.accessToken })).errors).toBeUndefined();
  });

  it('admin reset forces a password change before anything else', async () => {
    await api.createUser('reset', 'Reset-user#2026', 'programme_officer');
    const users = await api.graphql<{ users: { edges: { node: { id: string } }[] } }>('{ users(search: "reset") { edges { node { id } } } }');
    const reset = await api.graphql('mutation($input: ResetPasswordInput!) { resetUserPassword(input: $input) { mustChangePassword } }', {
      input: { userId: users.data!.users.edges[0].node.id, temporaryPassword: 'Temporary#2026-1' },
    });
    expect(reset.data).toEqual({ resetUserPassword: { mustChangePassword: true } });
    const token = (await login('reset', 'Temporary#2026-1')).data!.login.accessToken!;
    expect((await api.graphql('{ adminLevels { code } }', {}, { token })).errors![0].message).toBe('You must choose a new password before continuing.');
    await api.graphql('mutation($input: ChangePasswordInput!) { changePassword(input: $input) }', { input: { currentPassword: 'Temporary#2026-1', newPassword: 'Chosen-by-me#2026' } }, { token });
    expect((await api.graphql('{ adminLevels { code } }', {}, { token })).errors).toBeUndefined();
  });

  it('refuses operations the user’s roles do not grant', async () => {
    await api.createUser('viewer', 'Viewer-user#2026', 'district_officer');
    const token = (await login('viewer', 'Viewer-user#2026')).data!.login.accessToken!;
    const result = await api.graphql('{ users { totalCount } }', {}, { token, lang: 'pt' });
    expect(result.errors![0]).toMatchObject({ message: 'Não tem permissão para fazer isto.', extensions: { code: 'FORBIDDEN' } });
  });

  describe('a user restricted to one province', () => {
    let token: string;
    let outside: { id: string; version: number };
    let inside: { id: string };

    beforeAll(async () => {
      const area = async (code: string) => (await sql<{ id: string; version: number }>(api.databaseUrl, 'SELECT id, version FROM geo.admin_area WHERE code = $1', [code]))[0];
      await api.createUser('scoped', 'Scoped-user#2026', 'programme_officer', [(await area('DL-02')).id]);
      token = (await login('scoped', 'Scoped-user#2026')).data!.login.accessToken!;
      outside = await area('DL-03-01');
      inside = await area('DL-02-01');
    });

    it('lists and counts only areas inside their province', async () => {
      const all = await api.graphql<{ adminAreas: { totalCount: number; edges: { node: { code: string } }[] } }>('{ adminAreas(first: 500) { totalCount edges { node { code } } } }', {}, { token });
      expect(all.data!.adminAreas.totalCount).toBe(1 + 4 + 32);
      expect(all.data!.adminAreas.edges.every((e) => e.node.code.startsWith('DL-02'))).toBe(true);
      const roots = await api.graphql<{ adminAreas: { edges: { node: { code: string } }[] } }>('{ adminAreas(filter: { rootsOnly: true }) { edges { node { code } } } }', {}, { token });
      expect(roots.data!.adminAreas.edges.map((e) => e.node.code)).toEqual(['DL-02']);
      const search = await api.graphql<{ adminAreas: { totalCount: number } }>('{ adminAreas(filter: { search: "DL-03" }) { totalCount } }', {}, { token });
      expect(search.data!.adminAreas.totalCount).toBe(0);
    });

    it('cannot read, change or delete an area outside, but can inside', async () => {
      expect((await api.graphql<{ adminArea: unknown }>('query($id: ID!) { adminArea(id: $id) { code } }', { id: outside.id }, { token })).data!.adminArea).toBeNull();
      expect((await api.graphql<{ adminArea: { code: string } }>('query($id: ID!) { adminArea(id: $id) { code } }', { id: inside.id }, { token })).data!.adminArea.code).toBe('DL-02-01');
      const update = await api.graphql('mutation($input: UpdateAdminAreaInput!) { updateAdminArea(input: $input) { code } }', { input: { id: outside.id, version: outside.version, nameEn: 'Hijacked' } }, { token });
      expect(update.errors![0].extensions!.code).toBe('NOT_FOUND');
      expect((await api.graphql('mutation($id: ID!) { deleteAdminArea(id: $id) }', { id: outside.id }, { token })).errors![0].extensions!.code).toBe('NOT_FOUND');
      const [row] = await sql<{ name_en: string }>(api.databaseUrl, 'SELECT name_en FROM geo.admin_area WHERE id = $1', [outside.id]);
      expect(row.name_en).not.toBe('Hijacked');
      const levels = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_level WHERE code = 'village'`);
      const created = await api.graphql('mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { code } }', { input: { code: 'DL-03-01-999', levelId: levels[0].id, parentId: outside.id, nameEn: 'Sneaky' } }, { token });
      expect(created.errors![0].extensions!.fieldErrors).toEqual([{ field: 'parentId', message: 'The parent area does not exist.' }]);
    });
  });

  it('declares a permission (or public / signed-in access) on every query and mutation', () => {
    const discovery = api.app.get(DiscoveryService);
    const scanner = api.app.get(MetadataScanner);
    const reflector = api.app.get(Reflector);
    const undeclared: string[] = [];
    let operations = 0;
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as () => unknown;
        const kind = Reflect.getMetadata('graphql:resolver_type', method);
        if (!['Query', 'Mutation', 'Subscription'].includes(kind)) continue;
        operations++;
        const targets = [method, wrapper.metatype as () => unknown];
        const declared =
          reflector.getAllAndOverride(PUBLIC_OPERATION, targets) ||
          reflector.getAllAndOverride(AUTHENTICATED_OPERATION, targets) ||
          (reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets) ?? []).length > 0;
        if (!declared) undeclared.push(`${wrapper.name}.${name}`);
      }
    }
    expect(operations).toBeGreaterThan(20);
    expect(undeclared).toEqual([]);
  });

  it('declares a permission (or public / signed-in access) on every REST controller route', () => {
    const discovery = api.app.get(DiscoveryService);
    const scanner = api.app.get(MetadataScanner);
    const reflector = api.app.get(Reflector);
    const undeclared: string[] = [];
    const routes: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as () => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, method) as string | undefined;
        if (path === undefined) continue;
        const route = `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, method) as number]} /${Reflect.getMetadata(PATH_METADATA, wrapper.metatype)}/${path}`;
        routes.push(route);
        const targets = [method, wrapper.metatype as () => unknown];
        const declared =
          reflector.getAllAndOverride(PUBLIC_OPERATION, targets) ||
          reflector.getAllAndOverride(AUTHENTICATED_OPERATION, targets) ||
          (reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets) ?? []).length > 0;
        if (!declared) undeclared.push(`${wrapper.name}.${name} (${route})`);
      }
    }
    expect(routes).toEqual(expect.arrayContaining(['GET /health/live', 'GET /api/registry/files/:id', 'GET /api/registry/imports/:jobId/errors.csv']));
    expect(undeclared).toEqual([]);
  });
});

describe('several root fields in one request', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE);
  });

  afterAll(() => api?.stop());

  it('authenticates once for all of them', async () => {
    const result = await api.graphql<{ me: { username: string }; myPermissions: string[] }>('{ me { username } myPermissions adminLevels { code } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.me.username).toBe('test-admin');
    expect(result.data!.myPermissions).toEqual(['*']);
  });

  it('audits refused unauthenticated calls (GraphQL and REST) with operation, reason, address and request, rate-limited with a summary of the rest', async () => {
    const auditor = api.app.get(AuthRefusalAuditor);
    await auditor.flush();
    const [{ mark }] = await sql<{ mark: string }>(api.databaseUrl, `SELECT coalesce(max(id), 0)::text AS mark FROM core.audit_log`);
    const refusalsSince = () =>
      sql<{ action: string; details: Record<string, unknown>; ip: string | null; request_id: string | null }>(
        api.databaseUrl,
        `SELECT action, details, ip, request_id FROM core.audit_log WHERE id > $1 AND action LIKE 'AUTH_REFUSED%' ORDER BY id`,
        [mark],
      );
    const forged = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: randomBytes(16).toString('hex'), sid: 'x', typ: 'access', iss: 'coremis' })).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    await api.createUser('refused', 'Refused-user#2026', 'programme_officer');
    const revoked = await api.login('refused', 'Refused-user#2026');
    await api.graphql('mutation { logout }', {}, { token: revoked.accessToken });

    expect((await api.graphql(ME, {}, { token: null, headers: { 'x-request-id': 'refusal-missing' } })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(ME, {}, { token: 'garbage', headers: { 'x-request-id': 'refusal-garbage' } })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(ME, {}, { token: revoked.accessToken, headers: { 'x-request-id': 'refusal-revoked' } })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const rest = await fetch(`${api.url}/api/registry/files/${randomUUID()}`, {
      headers: { authorization: `Bearer ${forged}`, 'x-request-id': 'refusal-rest' },
    });
    expect(rest.status).toBe(401);
    // a public operation with a bad token is not a refusal
    expect((await api.graphql('{ enabledModules { key } }', {}, { token: 'garbage' })).errors).toBeUndefined();
    const first = await refusalsSince();
    expect(first.map((r) => [r.request_id, r.details.operation, r.details.reason])).toEqual([
      ['refusal-missing', 'Query.me', 'missingToken'],
      ['refusal-garbage', 'Query.me', 'invalidToken'],
      ['refusal-revoked', 'Query.me', 'sessionExpired'],
      ['refusal-rest', expect.stringMatching(/^GET \/api\/registry\/files\//), 'invalidToken'],
    ]);
    for (const row of first) expect(row).toMatchObject({ action: 'AUTH_REFUSED', ip: expect.stringMatching(/127\.0\.0\.1/) });

    // a flood of 500 forged-token calls writes a bounded number of rows; the summary counts the rest
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 50 }, () => api.graphql(ME, {}, { token: forged })));
      for (const r of results) expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    await auditor.flush();
    const rows = await refusalsSince();
    const written = rows.filter((r) => r.action === 'AUTH_REFUSED');
    expect(written).toHaveLength(20); // AUTH_REFUSAL_AUDIT_PER_MINUTE per address
    const summaries = rows.filter((r) => r.action === 'AUTH_REFUSED_SUPPRESSED');
    expect(summaries).toHaveLength(1);
    expect(summaries[0].details).toMatchObject({ suppressed: 504 - 20, addresses: 1, top: [{ address: expect.stringMatching(/127\.0\.0\.1/), count: 484 }] });
    expect((await api.graphql<{ verifyAuditTrail: { ok: boolean } }>('{ verifyAuditTrail { ok } }')).data!.verifyAuditTrail.ok).toBe(true);
  });
});

describe('sign-in throttling across API replicas', () => {
  const prefix = `coremis-test:${randomBytes(6).toString('hex')}:`;
  const core = MODULE_CATALOGUE.filter((m) => m.key === 'core');
  let a: TestApi;
  let b: TestApi;
  const attempt = (target: TestApi, headers: Record<string, string> = {}) =>
    postGraphql(target.url, LOGIN, { input: { username: 'nobody', password: 'wrong-password' } }, { headers, lang: 'fr' });

  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, LOGIN_RATE_PER_MINUTE: '6' };
    // each replica logs its test administrator in once: 2 of the 6
    a = await startTestApi(core, env);
    b = await startTestApi(core, { ...env, TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('counts attempts per address in Redis, shared by every replica, and ignores a forged X-Forwarded-For unless the proxy is trusted', async () => {
    expect((await attempt(a)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await attempt(b)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await attempt(a)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await attempt(b)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const refused = await attempt(b);
    expect(refused.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Trop de tentatives de connexion depuis cette adresse\. Réessayez dans \d+ seconde\(s\)\.$/),
      extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) },
    });
    expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    // a forged X-Forwarded-For changes nothing where no proxy is trusted
    expect((await attempt(a, { 'x-forwarded-for': '198.51.100.7' })).errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
    // the right password from that address too
    expect((await postGraphql(a.url, LOGIN, { input: { username: 'test-admin', password: 'Test-admin#2026!' } })).errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
    // where the local proxy is trusted, its forwarded address is the client's, counted on its own
    expect((await attempt(b, { 'x-forwarded-for': '198.51.100.7' })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const throttled = await sql<{ details: { address: string } }>(a.databaseUrl, `SELECT details FROM core.audit_log WHERE action = 'LOGIN_THROTTLED'`);
    const throttledB = await sql<{ details: { address: string } }>(b.databaseUrl, `SELECT details FROM core.audit_log WHERE action = 'LOGIN_THROTTLED'`);
    expect([...throttled, ...throttledB].map((r) => r.details.address)).toEqual([expect.stringMatching(/127\.0\.0\.1/)]);
  });
});
