import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';

jest.setTimeout(120_000);

/** Server-side orders of the core lists: every page of a sort follows the previous one, whatever the ties. */
describe('ordered core lists on keyset cursors', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE, { ENABLED_MODULES: 'core' });
    // names that tie and differ only by case; creation times that tie to the millisecond
    await sql(
      api.databaseUrl,
      `INSERT INTO core."user" (username, display_name, password_hash, role_ids, created_at)
       SELECT 'order-' || g, (ARRAY['Bea', 'ana', 'Ana', 'carl'])[1 + g % 4], 'x', '{}', timestamp '2026-01-01' + (g / 3) * interval '1 millisecond' + (g % 3) * interval '1 microsecond'
         FROM generate_series(1, 23) g`,
    );
  });
  afterAll(() => api?.stop());

  async function allPages(orderBy: Record<string, string> | null): Promise<{ username: string; displayName: string; createdAt: string }[]> {
    const rows: { username: string; displayName: string; createdAt: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: { users: { edges: { node: { username: string; displayName: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown } = await api.graphql(
        'query($after: String, $orderBy: UserOrder) { users(first: 4, after: $after, search: "order-", orderBy: $orderBy) { edges { node { username displayName createdAt } } pageInfo { hasNextPage endCursor } } }',
        { after, orderBy },
      );
      expect(result.errors).toBeUndefined();
      rows.push(...result.data!.users.edges.map((e) => e.node));
      if (!result.data!.users.pageInfo.hasNextPage) return rows;
      after = result.data!.users.pageInfo.endCursor;
    }
  }

  it.each([
    [{ field: 'DISPLAY_NAME', direction: 'DESC' }, 'displayName', -1],
    [{ field: 'DISPLAY_NAME', direction: 'ASC' }, 'displayName', 1],
    [{ field: 'CREATED_AT', direction: 'DESC' }, 'createdAt', -1],
    [{ field: 'USERNAME', direction: 'DESC' }, 'username', -1],
  ] as const)('orders by %j over pages, each user once', async (orderBy, key, sign) => {
    const rows = await allPages(orderBy);
    expect(rows).toHaveLength(23);
    expect(new Set(rows.map((r) => r.username)).size).toBe(23);
    const values = rows.map((r) => (key === 'createdAt' ? Date.parse(r[key]) : r[key].toLowerCase()));
    for (let i = 1; i < values.length; i++) expect(sign * (values[i]! > values[i - 1]! ? 1 : values[i] === values[i - 1] ? 0 : -1)).toBeGreaterThanOrEqual(0);
  });

  it('refuses an order the list does not offer', async () => {
    const result = await api.graphql('{ users(orderBy: { field: PASSWORD_HASH }) { totalCount } }');
    expect(result.status).toBe(400);
  });

  it('pages the audit trail oldest first as well as newest first', async () => {
    for (let i = 0; i < 8; i++) await api.graphql('mutation { login(input: { username: "nobody-%", password: "wrong-password" }) { status } }'.replace('%', String(i)), {}, { token: null });
    const read = async (order: string) => {
      const ids: number[] = [];
      let after: string | null = null;
      for (;;) {
        const result: { data?: { auditLog: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } } = await api.graphql(
          'query($after: String, $order: SortDirection) { auditLog(first: 3, after: $after, order: $order) { edges { node { id } } pageInfo { endCursor hasNextPage } } }',
          { after, order },
        );
        ids.push(...result.data!.auditLog.edges.map((e) => Number(e.node.id)));
        if (!result.data!.auditLog.pageInfo.hasNextPage) return ids;
        after = result.data!.auditLog.pageInfo.endCursor;
      }
    };
    const oldest = await read('ASC');
    expect(oldest.length).toBeGreaterThanOrEqual(8);
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(new Set(oldest).size).toBe(oldest.length);
    const newest = await read('DESC');
    expect(newest).toEqual([...oldest].reverse());
  });
});
