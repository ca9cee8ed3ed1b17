import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ApprovalService, payloadHash, RequestContext } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';

const PASSWORD = 'Approvals#2026-ok';
const OPERATION_FIELDS = 'id operation payload payloadHash summary makerId makerUsername status currentLevel levels { roles policy required } decisions { level username roles decision comment } rejectReason result error';

const CREATE_AREA = 'mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { id code } }';
const DELETE_AREA = 'mutation($id: ID!) { deleteAdminArea(id: $id) }';
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id operation enabled levels { roles policy required } } }';
const APPROVE = `mutation($id: ID!, $comment: String) { approveOperation(id: $id, comment: $comment) { ${OPERATION_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectOperation(id: $id, reason: $reason) { ${OPERATION_FIELDS} } }`;
const CANCEL = 'mutation($id: ID!) { cancelPendingOperation(id: $id) { id status } }';
const PENDING = `query($id: ID!) { pendingOperation(id: $id) { ${OPERATION_FIELDS} } }`;
const INBOX = '{ approvalInbox(first: 100) { totalCount edges { node { id operation summary makerUsername currentLevel } } } }';

interface Operation {
  id: string;
  operation: string;
  payload: Record<string, unknown>;
  payloadHash: string;
  summary: string;
  makerId: string | null;
  makerUsername: string | null;
  status: string;
  currentLevel: number;
  levels: { roles: string[]; policy: string; required: number | null }[];
  decisions: { level: number; username: string; roles: string[]; decision: string; comment: string | null }[];
  rejectReason: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

type Level = { roles: string[]; policy: 'ANY' | 'ALL' | 'N'; required?: number };

// the root jest config (several projects) does not pass the preset's testTimeout on
jest.setTimeout(120_000);

describe('maker-checker approvals', () => {
  let api: TestApi;
  let countryLevel: string;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  const as = <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}, lang?: string) =>
    api.graphql<T>(query, variables, { token: tokens[user], lang });
  const areaInput = (code: string) => ({ code, levelId: countryLevel, nameEn: `Area ${code}` });
  const countAreas = async (code: string) => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM geo.admin_area WHERE code = $1', [code]))[0].n;
  const saveFlow = async (operation: string, levels: Level[], enabled = true) => {
    const result = await api.graphql(SAVE_FLOW, { input: { operation, enabled, levels } });
    expect(result.errors).toBeUndefined();
  };
  /** The maker asks for an area; returns the pending operation id from the APPROVAL_PENDING error. */
  const requestArea = async (maker: string, code: string): Promise<string> => {
    const result = await as(maker, CREATE_AREA, { input: areaInput(code) });
    expect(result.data?.createAdminArea ?? null).toBeNull();
    expect(result.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    return result.errors![0].extensions!.pendingOperationId as string;
  };
  const approve = async (user: string, id: string, comment?: string) => as<{ approveOperation: Operation }>(user, APPROVE, { id, comment });
  const read = async (user: string, id: string, lang?: string) => (await as<{ pendingOperation: Operation | null }>(user, PENDING, { id }, lang)).data!.pendingOperation;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE.filter((m) => ['core', 'geo'].includes(m.key)), { DEMO_DATA: 'true' });
    const levels = await api.graphql<{ adminLevels: { id: string; code: string }[] }>('{ adminLevels { id code } }');
    countryLevel = levels.data!.adminLevels.find((l) => l.code === 'country')!.id;
    const roles: Record<string, string[]> = {
      maker: ['geo.areas.view', 'geo.areas.manage', 'geo.areas.import', 'core.approvals.view'],
      // supervisors may also make requests: the rule that nobody approves their own is then what stops them
      supervisor: ['geo.areas.view', 'geo.areas.manage', 'core.approvals.view', 'core.approvals.decide'],
      director: ['geo.areas.view', 'core.approvals.view', 'core.approvals.decide'],
      clerk: ['core.approvals.view', 'core.approvals.decide'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
      expect(saved.errors).toBeUndefined();
    }
    const users: Record<string, string> = { maker1: 'maker', sup1: 'supervisor', sup2: 'supervisor', sup3: 'supervisor', dir1: 'director', clerk1: 'clerk' };
    for (const [username, role] of Object.entries(users)) {
      await api.createUser(username, PASSWORD, role);
      tokens[username] = (await api.login(username, PASSWORD)).accessToken;
    }
    for (const row of await sql<{ id: string; username: string }>(api.databaseUrl, 'SELECT id, username FROM core."user"')) userIds[row.username] = row.id;
  });

  afterAll(() => api?.stop());

  it('lists the approvable operations of the enabled modules', async () => {
    const result = await api.graphql<{ approvableOperations: string[] }>('{ approvableOperations }');
    expect(result.data!.approvableOperations).toEqual(['core.roles.save', 'core.users.resetTwoFactor', 'core.users.setActive', 'core.users.unlock', 'core.users.update', 'geo.areas.create', 'geo.areas.delete', 'geo.areas.import', 'geo.areas.update', 'geo.levels.set']);
  });

  it('without a flow, an approvable mutation runs directly', async () => {
    const result = await as<{ createAdminArea: { code: string } }>('maker1', CREATE_AREA, { input: areaInput('AP-DIRECT') });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createAdminArea.code).toBe('AP-DIRECT');
    expect(await countAreas('AP-DIRECT')).toBe(1);
  });

  it('validates flows: known operation, 1 to 5 levels, roles, a number only for N', async () => {
    const attempt = async (operation: string, levels: unknown[], lang = 'en') => (await api.graphql(SAVE_FLOW, { input: { operation, enabled: true, levels } }, { lang })).errors?.[0];
    expect(await attempt('geo.areas.explode', [{ roles: ['supervisor'], policy: 'ANY' }])).toMatchObject({
      message: 'Some fields are not valid. operation: The operation "geo.areas.explode" cannot be held for approval.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await attempt('geo.areas.create', [], 'fr'))!.message).toBe('Certains champs ne sont pas valides. levels: Ajoutez entre 1 et 5 niveaux d’approbation.');
    expect((await attempt('geo.areas.create', Array(6).fill({ roles: ['supervisor'], policy: 'ANY' })))!.extensions!.fieldErrors).toEqual([{ field: 'levels', message: 'must contain at most 5 items' }]);
    expect((await attempt('geo.areas.create', [{ roles: [], policy: 'ANY' }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.roles', message: 'Name at least one role for this level.' }]);
    expect((await attempt('geo.areas.create', [{ roles: ['finance', 'finance'], policy: 'ALL' }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.roles', message: 'The role "finance" is listed twice.' }]);
    expect((await attempt('geo.areas.create', [{ roles: ['supervisor'], policy: 'N' }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.required', message: 'Give the number of approvals needed (1 to 10).' }]);
    expect((await attempt('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY', required: 2 }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.required', message: 'A number of approvals applies only to the "N of them" policy.' }]);
    expect((await attempt('geo.areas.create', [{ roles: ['supervisor'], policy: 'N', required: 11 }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.required', message: 'must be at most 10' }]);
    expect((await attempt('geo.areas.create', [{ roles: ['Not A Role'], policy: 'ANY' }]))!.extensions!.fieldErrors).toEqual([{ field: 'levels.0.roles', message: 'has an invalid format' }]);
    const notAllowed = await as('sup1', SAVE_FLOW, { input: { operation: 'geo.areas.create', enabled: true, levels: [{ roles: ['supervisor'], policy: 'ANY' }] } });
    expect(notAllowed.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.graphql<{ approvalFlows: unknown[] }>('{ approvalFlows { operation } }')).data!.approvalFlows).toEqual([]);
  });

  describe('with a flow on geo.areas.create', () => {
    beforeAll(() => saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY' }]));

    it('holds the mutation: APPROVAL_PENDING with the request id, translated, and nothing created', async () => {
      const result = await as('maker1', CREATE_AREA, { input: { ...areaInput('AP-HELD'), nameFr: 'Zone retenue' } }, 'fr');
      expect(result.errors![0]).toMatchObject({
        message: 'Envoyé pour approbation : la modification sera faite une fois approuvée.',
        extensions: { code: 'APPROVAL_PENDING', pendingOperationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      });
      expect(await countAreas('AP-HELD')).toBe(0);
      const held = (await read('maker1', result.errors![0].extensions!.pendingOperationId as string))!;
      expect(held).toMatchObject({
        operation: 'geo.areas.create',
        status: 'PENDING',
        currentLevel: 1,
        makerId: userIds.maker1,
        makerUsername: 'maker1',
        levels: [{ roles: ['supervisor'], policy: 'ANY', required: null }],
        decisions: [],
        result: null,
        error: null,
      });
      // the GraphQL arguments after validation (whitelisted, defaults applied), hashed canonically
      expect(held.payload).toEqual({ input: { code: 'AP-HELD', levelId: countryLevel, nameEn: 'Area AP-HELD', nameFr: 'Zone retenue' } });
      expect(held.payloadHash).toBe(payloadHash(held.payload));
      expect(held.summary).toMatch(/^geo\.areas\.create \{"input":\{"code":"AP-HELD"/);
    });

    it('still validates the input before holding it', async () => {
      const before = (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM core.pending_operation'))[0].n;
      const result = await as('maker1', CREATE_AREA, { input: areaInput('bad code!') });
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'code', message: 'has an invalid format' }] });
      expect((await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM core.pending_operation'))[0].n).toBe(before);
    });

    it('the maker cannot approve their own request, even holding the role', async () => {
      const id = await requestArea('sup1', 'AP-OWN');
      const own = await approve('sup1', id);
      expect(own.errors![0]).toMatchObject({ message: 'You cannot decide on your own request: someone else must approve it.', extensions: { code: 'FORBIDDEN' } });
      expect((await as('sup1', REJECT, { id, reason: 'changed my mind' })).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await read('sup1', id))!.decisions).toEqual([]);
    });

    it('a checker without a role of the current level cannot decide; a user without the permission cannot call', async () => {
      const id = await requestArea('maker1', 'AP-ROLE');
      const clerk = await approve('clerk1', id);
      expect(clerk.errors![0]).toMatchObject({ message: 'Only a user with one of these roles can decide at this step: supervisor.', extensions: { code: 'FORBIDDEN' } });
      expect((await approve('maker1', id)).errors![0]).toMatchObject({ message: 'You do not have permission to do this.', extensions: { code: 'FORBIDDEN' } });
      expect((await read('maker1', id))!.status).toBe('PENDING');
      expect(await read('clerk1', id)).toBeNull(); // not the maker, no role of the flow
    });

    it('the inbox lists what waits for the user: not their own, not already decided, only their roles', async () => {
      const id = await requestArea('sup1', 'AP-INBOX');
      const inbox = async (user: string) => (await as<{ approvalInbox: { edges: { node: { id: string; makerUsername: string } }[] } }>(user, INBOX)).data!.approvalInbox.edges.map((e) => e.node.id);
      expect(await inbox('sup2')).toContain(id);
      expect(await inbox('sup1')).not.toContain(id);
      expect(await inbox('clerk1')).not.toContain(id);
      expect((await approve('sup2', id)).data!.approveOperation.status).toBe('EXECUTED');
      expect(await inbox('sup3')).not.toContain(id);
      const mine = await as<{ myPendingOperations: { edges: { node: { id: string; status: string } }[] } }>('sup1', '{ myPendingOperations(status: EXECUTED) { edges { node { id status } } } }');
      expect(mine.data!.myPendingOperations.edges.map((e) => e.node.id)).toContain(id);
    });

    it('runs the operation with the maker as actor once approved, and shows the result', async () => {
      const id = await requestArea('maker1', 'AP-RUN');
      const approved = (await approve('sup2', id, 'looks right')).data!.approveOperation;
      expect(approved).toMatchObject({ status: 'EXECUTED', error: null, result: { code: 'AP-RUN', nameEn: 'Area AP-RUN' } });
      expect(approved.decisions).toEqual([{ level: 1, username: 'sup2', roles: ['supervisor'], decision: 'APPROVE', comment: 'looks right' }]);
      expect(await countAreas('AP-RUN')).toBe(1);
      const audit = await sql<{ username: string }>(api.databaseUrl, `SELECT username FROM core.audit_log WHERE entity_type = 'AdminArea' AND entity_id = $1 AND action = 'CREATE'`, [approved.result!.id]);
      expect(audit.map((a) => a.username)).toEqual(['maker1']);
      const trail = await sql<{ action: string; username: string }>(api.databaseUrl, `SELECT action, username FROM core.audit_log WHERE entity_type = 'PendingOperation' AND entity_id = $1 ORDER BY id`, [id]);
      expect(trail).toEqual([{ action: 'APPROVAL_REQUEST', username: 'maker1' }, { action: 'APPROVE', username: 'sup2' }]);
      expect((await approve('sup3', id)).errors![0]).toMatchObject({ message: 'This request is no longer waiting for a decision (it is EXECUTED).', extensions: { code: 'CONFLICT' } });
    });

    it('stores the failure when the operation itself refuses at execution time', async () => {
      const id = await requestArea('maker1', 'AP-DIRECT'); // the code exists: the service refuses it when it runs
      const failed = (await approve('sup2', id)).data!.approveOperation;
      // worded as a live request would get it (message, then the field errors)
      expect(failed).toMatchObject({ status: 'FAILED', result: null, error: expect.stringMatching(/^Another area already uses the code "AP-DIRECT"\./) });
      expect((await read('maker1', id, 'fr'))!.error).toMatch(/^Une autre zone utilise déjà le code « AP-DIRECT »/);
    });

    it('refuses to run a stored payload changed after the request (hash check)', async () => {
      const id = await requestArea('maker1', 'AP-TAMPER');
      await sql(api.databaseUrl, `UPDATE core.pending_operation SET payload = jsonb_set(payload, '{input,code}', '"AP-TAMPERED"') WHERE id = $1`, [id]);
      const result = (await as<{ approveOperation: Operation }>('sup2', APPROVE, { id }, 'pt')).data!.approveOperation;
      expect(result).toMatchObject({ status: 'FAILED', error: 'O pedido guardado foi alterado depois de ter sido feito, por isso não foi executado.' });
      expect(await countAreas('AP-TAMPERED')).toBe(0);
      expect(await countAreas('AP-TAMPER')).toBe(0);
    });

    it('validates the stored payload again before running it', async () => {
      const id = await requestArea('maker1', 'AP-REVALIDATE');
      const [row] = await sql<{ payload: Record<string, { code: string }> }>(api.databaseUrl, 'SELECT payload FROM core.pending_operation WHERE id = $1', [id]);
      const invalid = { input: { ...row.payload.input, code: 'not valid!', extra: 'not whitelisted' } };
      await sql(api.databaseUrl, 'UPDATE core.pending_operation SET payload = $2, payload_hash = $3 WHERE id = $1', [id, JSON.stringify(invalid), payloadHash(invalid)]);
      const result = (await approve('sup2', id)).data!.approveOperation;
      expect(result.status).toBe('FAILED');
      // the same errors as a live request would get for the `input` argument
      expect(result.error).toBe('Some fields are not valid. extra: is not an accepted field; code: has an invalid format');
      expect(await countAreas('not valid!')).toBe(0);
    });

    it('a rejection needs a reason, ends the request, and the maker sees it', async () => {
      const id = await requestArea('maker1', 'AP-REJECT');
      const noReason = await as('sup2', REJECT, { id, reason: '  no ' });
      expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'reason', message: 'must be at least 3 characters long' }] });
      expect((await as('sup2', REJECT, { id, reason: 'x'.repeat(1001) })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const service = api.app.get(ApprovalService);
      const sup2 = { userId: userIds.sup2, username: 'sup2', sessionId: null, roles: ['supervisor'], permissions: new Set<string>(), areaPaths: null };
      await expect(RequestContext.run({ requestId: 't', ip: null, userAgent: null, lang: 'en', actor: sup2 }, () => service.reject(id, ' ab '))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });

      const rejected = (await as<{ rejectOperation: Operation }>('sup2', REJECT, { id, reason: '  Duplicate of an existing area.  ' })).data!.rejectOperation;
      expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'Duplicate of an existing area.' });
      const mine = await as<{ myPendingOperations: { edges: { node: Operation }[] } }>('maker1', `{ myPendingOperations(status: REJECTED) { edges { node { ${OPERATION_FIELDS} } } } }`);
      const seen = mine.data!.myPendingOperations.edges.find((e) => e.node.id === id)!.node;
      expect(seen).toMatchObject({ status: 'REJECTED', rejectReason: 'Duplicate of an existing area.', decisions: [{ username: 'sup2', decision: 'REJECT', comment: 'Duplicate of an existing area.' }] });
      expect((await approve('sup3', id)).errors![0].extensions!.code).toBe('CONFLICT');
      expect(await countAreas('AP-REJECT')).toBe(0);
    });

    it('the maker, and only the maker, may cancel while pending', async () => {
      const id = await requestArea('maker1', 'AP-CANCEL');
      expect((await as('sup2', CANCEL, { id })).errors![0]).toMatchObject({ message: 'Only the person who made the request can cancel it.', extensions: { code: 'FORBIDDEN' } });
      expect((await as<{ cancelPendingOperation: { status: string } }>('maker1', CANCEL, { id })).data!.cancelPendingOperation.status).toBe('CANCELLED');
      expect((await as('maker1', CANCEL, { id })).errors![0].extensions!.code).toBe('CONFLICT');
      expect((await approve('sup2', id)).errors![0].extensions!.code).toBe('CONFLICT');
    });

    it('two checkers approving at the same instant run the operation once (ANY)', async () => {
      for (let i = 0; i < 5; i++) {
        const code = `AP-RACE-${i}`;
        const id = await requestArea('maker1', code);
        const outcomes = await Promise.all([approve('sup2', id), approve('sup3', id)]);
        expect(outcomes.filter((o) => o.data?.approveOperation?.status === 'EXECUTED')).toHaveLength(1);
        expect(outcomes.filter((o) => o.errors?.[0].extensions!.code === 'CONFLICT')).toHaveLength(1);
        expect(await countAreas(code)).toBe(1);
        expect((await read('maker1', id))!.decisions).toHaveLength(1);
      }
    });

    it('a checker restricted to areas sees and decides only requests made within them', async () => {
      const provinces = await sql<{ id: string; code: string }>(
        api.databaseUrl,
        `SELECT id, code FROM geo.admin_area WHERE parent_id = (SELECT parent_id FROM geo.admin_area WHERE code = 'DL-01') ORDER BY code = 'DL-01' DESC, code LIMIT 2`,
      );
      const [north, south] = provinces;
      const [{ levelId }] = await sql<{ levelId: string }>(api.databaseUrl, `SELECT l.id AS "levelId" FROM geo.admin_level l WHERE l.depth = (SELECT depth + 1 FROM geo.admin_level WHERE id = (SELECT level_id FROM geo.admin_area WHERE id = $1))`, [north.id]);
      for (const [username, role, area] of [['maker-n', 'maker', north.id], ['sup-n', 'supervisor', north.id], ['sup-s', 'supervisor', south.id]]) {
        await api.createUser(username, PASSWORD, role, [area]);
        tokens[username] = (await api.login(username, PASSWORD)).accessToken;
      }
      const held = await as(`maker-n`, CREATE_AREA, { input: { code: 'AP-NORTH', levelId, parentId: north.id, nameEn: 'Area AP-NORTH' } });
      const id = held.errors![0].extensions!.pendingOperationId as string;
      expect(id).toBeTruthy();
      const unrestrictedRequest = await requestArea('maker1', 'AP-ANYWHERE');
      const inboxOf = async (user: string) => {
        const answer = await as<{ approvalInbox: { edges: { node: { id: string } }[] } }>(user, INBOX);
        expect(answer.errors).toBeUndefined();
        return answer.data!.approvalInbox.edges.map((e) => e.node.id);
      };

      expect(await inboxOf('sup-s')).not.toContain(id);
      expect(await read('sup-s', id)).toBeNull();
      expect((await approve('sup-s', id)).errors![0].extensions!.code).toBe('NOT_FOUND');
      // a request of an unrestricted maker may touch any area: restricted checkers do not get it
      expect(await inboxOf('sup-n')).not.toContain(unrestrictedRequest);
      expect(await inboxOf('sup1')).toEqual(expect.arrayContaining([id, unrestrictedRequest]));

      expect(await inboxOf('sup-n')).toContain(id);
      const approved = (await approve('sup-n', id)).data!.approveOperation;
      expect(approved).toMatchObject({ status: 'EXECUTED', result: { code: 'AP-NORTH' } });
      await as('maker1', CANCEL, { id: unrestrictedRequest });
    });
  });

  it('two levels: runs only after the second one approves', async () => {
    await saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY' }, { roles: ['director'], policy: 'ANY' }]);
    const id = await requestArea('maker1', 'AP-TWO');
    const first = (await approve('sup2', id)).data!.approveOperation;
    expect(first).toMatchObject({ status: 'PENDING', currentLevel: 2 });
    expect(await countAreas('AP-TWO')).toBe(0);
    expect((await approve('sup3', id)).errors![0].message).toBe('Only a user with one of these roles can decide at this step: director.');
    const second = (await approve('dir1', id)).data!.approveOperation;
    expect(second).toMatchObject({ status: 'EXECUTED', currentLevel: 2 });
    expect(second.decisions.map((d) => [d.level, d.username])).toEqual([[1, 'sup2'], [2, 'dir1']]);
    expect(await countAreas('AP-TWO')).toBe(1);
  });

  it('N of them: needs distinct approvers, and concurrent final approvals run once', async () => {
    await saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'N', required: 2 }]);
    for (let i = 0; i < 3; i++) {
      const code = `AP-N-${i}`;
      const id = await requestArea('maker1', code);
      expect((await approve('sup1', id)).data!.approveOperation).toMatchObject({ status: 'PENDING', currentLevel: 1 });
      expect((await approve('sup1', id)).errors![0].message).toBe('You have already decided on this step of the request.');
      const outcomes = await Promise.all([approve('sup2', id), approve('sup3', id)]);
      expect(outcomes.filter((o) => o.data?.approveOperation?.status === 'EXECUTED')).toHaveLength(1);
      expect(outcomes.filter((o) => o.errors?.[0].extensions!.code === 'CONFLICT')).toHaveLength(1);
      expect(await countAreas(code)).toBe(1);
    }
  });

  it('ALL of them: one approver per role of the level', async () => {
    await saveFlow('geo.areas.create', [{ roles: ['supervisor', 'director'], policy: 'ALL' }]);
    const id = await requestArea('maker1', 'AP-ALL');
    expect((await approve('sup2', id)).data!.approveOperation.status).toBe('PENDING');
    expect((await approve('sup3', id)).data!.approveOperation.status).toBe('PENDING');
    expect((await approve('dir1', id)).data!.approveOperation.status).toBe('EXECUTED');
    expect(await countAreas('AP-ALL')).toBe(1);
  });

  it('one person approves only one level of a multi-level flow', async () => {
    await saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY' }, { roles: ['director'], policy: 'ANY' }]);
    await api.createUser('both1', PASSWORD, 'supervisor');
    await sql(api.databaseUrl, `UPDATE core."user" SET role_ids = (SELECT array_agg(id) FROM core.role WHERE code IN ('supervisor', 'director')) WHERE username = 'both1'`);
    tokens.both1 = (await api.login('both1', PASSWORD)).accessToken;
    const id = await requestArea('maker1', 'AP-ONE-LEVEL');
    expect((await approve('both1', id)).data!.approveOperation).toMatchObject({ status: 'PENDING', currentLevel: 2 });
    const inbox = async (user: string) => (await as<{ approvalInbox: { edges: { node: { id: string } }[] } }>(user, INBOX)).data!.approvalInbox.edges.map((e) => e.node.id);
    expect(await inbox('both1')).not.toContain(id);
    expect(await inbox('dir1')).toContain(id);
    const again = await as<{ approveOperation: Operation }>('both1', APPROVE, { id }, 'fr');
    expect(again.errors![0]).toMatchObject({ message: 'Vous avez déjà approuvé une étape précédente de cette demande : quelqu’un d’autre doit approuver celle-ci.', extensions: { code: 'CONFLICT' } });
    expect(await countAreas('AP-ONE-LEVEL')).toBe(0);
    expect((await approve('dir1', id)).data!.approveOperation).toMatchObject({ status: 'EXECUTED' });
    expect(await countAreas('AP-ONE-LEVEL')).toBe(1);
  });

  it('runs only while the maker is still active and still holds the permission, with their current rights', async () => {
    await saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY' }]);
    for (const username of ['maker2', 'maker3']) {
      await api.createUser(username, PASSWORD, 'maker');
      tokens[username] = (await api.login(username, PASSWORD)).accessToken;
    }
    const disabled = await requestArea('maker2', 'AP-DISABLED');
    await sql(api.databaseUrl, `UPDATE core."user" SET is_active = false WHERE username = 'maker2'`);
    expect((await approve('sup2', disabled)).data!.approveOperation).toMatchObject({
      status: 'FAILED',
      error: 'The person who made the request can no longer act (their account is disabled), so it was not carried out.',
    });
    expect(await countAreas('AP-DISABLED')).toBe(0);

    // the rights stored with the request do not count: the maker's role lost geo.areas.manage since
    const demoted = await requestArea('maker3', 'AP-DEMOTED');
    await sql(api.databaseUrl, `UPDATE core."user" SET role_ids = ARRAY(SELECT id FROM core.role WHERE code = 'clerk') WHERE username = 'maker3'`);
    expect((await as<{ approveOperation: Operation }>('sup2', APPROVE, { id: demoted }, 'pt')).data!.approveOperation).toMatchObject({
      status: 'FAILED',
      error: 'A pessoa que fez o pedido já não tem a permissão necessária (geo.areas.manage), por isso não foi executado.',
    });
    expect(await countAreas('AP-DEMOTED')).toBe(0);
  });

  it('holds an import but not a validation-only run; once approved the job runs on behalf of the maker', async () => {
    await saveFlow('geo.areas.import', [{ roles: ['supervisor'], policy: 'ANY' }]);
    const IMPORT = 'mutation($input: ImportAdminAreasInput!) { importAdminAreas(input: $input) { id status } }';
    const csv = 'level,code,parent_code,name_en,name_fr,name_pt\ncountry,AP-IMPORT,,Imported,,\n';
    const upload = await fetch(`${api.url}/api/geo/imports/uploads?name=areas.csv`, { method: 'POST', headers: { authorization: `Bearer ${tokens['maker1']}` }, body: csv });
    expect(upload.status).toBe(201);
    const { id: uploadId } = (await upload.json()) as { id: string };
    const dryRun = await as<{ importAdminAreas: { status: string } }>('maker1', IMPORT, { input: { uploadId, validateOnly: true } });
    expect(dryRun.data!.importAdminAreas.status).toBe('QUEUED');
    const held = await as('maker1', IMPORT, { input: { uploadId } });
    const id = held.errors![0].extensions!.pendingOperationId as string;
    expect((await read('maker1', id))!.payload).toEqual({ input: { uploadId, validateOnly: false } });
    const approved = (await approve('sup2', id)).data!.approveOperation;
    expect(approved).toMatchObject({ status: 'EXECUTED', result: { queue: 'geo.import', status: 'QUEUED', createdBy: userIds.maker1 } });
    await api.drainJobs();
    expect(await countAreas('AP-IMPORT')).toBe(1);
  });

  it('holds a deletion by id and runs it once approved; a disabled flow lets mutations run directly again', async () => {
    await saveFlow('geo.areas.delete', [{ roles: ['director'], policy: 'ANY' }]);
    const [area] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'AP-ALL'`);
    const held = await as('maker1', DELETE_AREA, { id: area.id.toUpperCase() });
    const id = held.errors![0].extensions!.pendingOperationId as string;
    expect((await read('maker1', id))!.payload).toEqual({ id: area.id }); // after the UuidPipe
    expect(await countAreas('AP-ALL')).toBe(1);
    expect((await approve('dir1', id)).data!.approveOperation).toMatchObject({ status: 'EXECUTED', result: true });
    expect(await countAreas('AP-ALL')).toBe(0);

    await saveFlow('geo.areas.create', [{ roles: ['supervisor'], policy: 'ANY' }], false);
    const direct = await as<{ createAdminArea: { code: string } }>('maker1', CREATE_AREA, { input: areaInput('AP-AFTER') });
    expect(direct.data!.createAdminArea.code).toBe('AP-AFTER');
    const flows = await api.graphql<{ approvalFlows: { operation: string; enabled: boolean }[] }>('{ approvalFlows { operation enabled } }');
    expect(flows.data!.approvalFlows).toEqual([
      { operation: 'geo.areas.create', enabled: false },
      { operation: 'geo.areas.delete', enabled: true },
      { operation: 'geo.areas.import', enabled: true },
    ]);
  });
});
