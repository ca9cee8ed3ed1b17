import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json';
import { verifyAuditChain } from './audit-chain';
import { auditRowHash, type AuditRowContent, type JsonValue, toJsonValue } from './audit-hash';

const row: AuditRowContent = {
  id: '1',
  occurredAt: '2024-11-25T10:00:00.123456Z',
  userId: null,
  username: 'ana',
  action: 'UPDATE',
  entityType: 'AdminArea',
  entityId: 'a1',
  changes: { nameEn: { before: 'Old', after: 'New' } },
  details: null,
  requestId: 'req-1',
  ip: '127.0.0.1',
};

describe('canonicalJson', () => {
  it('sorts keys at every level and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('does not depend on the order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });
});

describe('toJsonValue', () => {
  it('gives what a jsonb round trip gives back', () => {
    const value = { when: new Date('2024-01-02T03:04:05.678Z'), big: 12n, nan: Number.NaN, skip: undefined, fn: () => 1, list: [undefined, 1], bin: Buffer.from('hi') };
    const json = toJsonValue(value);
    expect(json).toEqual({ when: '2024-01-02T03:04:05.678Z', big: '12', nan: 'NaN', list: [null, 1], bin: 'aGk=' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('replaces what PostgreSQL cannot store (NUL, lone surrogates) and survives cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'a\u0000b\uD800' };
    cyclic.self = cyclic;
    expect(toJsonValue(cyclic)).toEqual({ name: 'a\uFFFDb\uFFFD', self: '[Circular]' });
  });

  it('keeps a "__proto__" key as data', () => {
    const json = toJsonValue(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['__proto__']);
    expect(canonicalJson(json as never)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('auditRowHash', () => {
  it('is sha256 of the previous hash followed by the canonical content', () => {
    const { id, occurredAt, userId, username, action, entityType, entityId, changes, details, requestId, ip } = row;
    const expected = createHash('sha256')
      .update('prev' + canonicalJson({ id, occurredAt, userId, username, action, entityType, entityId, changes, details, requestId, ip }))
      .digest('hex');
    expect(auditRowHash('prev', row)).toBe(expected);
  });

  it('changes when any field or the previous hash changes', () => {
    const base = auditRowHash(null, row);
    expect(auditRowHash('', row)).toBe(base);
    expect(auditRowHash('x', row)).not.toBe(base);
    expect(auditRowHash(null, { ...row, id: '2' })).not.toBe(base);
    expect(auditRowHash(null, { ...row, occurredAt: '2024-11-25T10:00:00.123457Z' })).not.toBe(base);
    expect(auditRowHash(null, { ...row, changes: { nameEn: { before: 'Old', after: 'Newer' } } })).not.toBe(base);
    expect(auditRowHash(null, { ...row, details: {} })).not.toBe(base);
    expect(auditRowHash(null, { ...row, ip: null })).not.toBe(base);
  });
});

describe('rows hashed before the canonical JSON was shared with approvals', () => {
  // Hashes computed by the audit module's own canonical JSON before it was replaced by the shared one
  // (commit f33e930): existing chains must still verify.
  const changes = toJsonValue({ nameEn: { before: 'Área "x"\n', after: 'Zoë 𝄞' }, list: [1, 0.1, -2.5e-7, 1e21, true, null, { z: 1, a: [] }], émoji: '😀', b: 'B', B: 'b', '': 0 }) as JsonValue;
  const first = { id: '42', occurredAt: '2024-11-25T10:00:00.123456Z', userId: '0190a3f2-0000-7000-8000-000000000001', username: 'ana', action: 'UPDATE', entityType: 'AdminArea', entityId: 'a1', changes, details: { jobId: 'j', counts: { created: 3, updated: 0 } }, requestId: 'req-1', ip: '127.0.0.1' };
  const FIRST_HASH = '42401f755c6d2960feaab8005590f293542ef5b63e8af21b282f99bb1617f809';
  const second = { ...first, id: '43', changes: null, details: null, userId: null };
  const SECOND_HASH_AFTER_ABC = '5d5026c80f233be740b7c627f976b03ecc6335366853ec14c583164b8300ddab';

  it('gives the same hashes as before', () => {
    expect(auditRowHash(null, first)).toBe(FIRST_HASH);
    expect(auditRowHash('abc', second)).toBe(SECOND_HASH_AFTER_ABC);
  });

  it('verifies a stored chain written before the change, as read back from PostgreSQL', async () => {
    const third = { ...first, id: '44', action: 'IMPORT', changes: null, details: { fileName: 'areas.csv', created: 12 } };
    const thirdHash = createHash('sha256').update(FIRST_HASH).update('{"action":"IMPORT","changes":null,"details":{"created":12,"fileName":"areas.csv"},"entityId":"a1","entityType":"AdminArea","id":"44","ip":"127.0.0.1","occurredAt":"2024-11-25T10:00:00.123456Z","requestId":"req-1","userId":"0190a3f2-0000-7000-8000-000000000001","username":"ana"}').digest('hex');
    const stored = [
      { ...first, prevHash: null, hash: FIRST_HASH },
      { ...third, prevHash: FIRST_HASH, hash: thirdHash },
    ].map((r) => ({
      id: r.id, occurred_at: r.occurredAt, user_id: r.userId, username: r.username, action: r.action, entity_type: r.entityType, entity_id: r.entityId,
      // jsonb gives keys back in its own order
      changes: r.changes === null ? null : JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(r.changes as object).reverse()))),
      details: r.details, request_id: r.requestId, ip: r.ip, prev_hash: r.prevHash, hash: r.hash,
    }));
    const result = await verifyAuditChain({ query: async () => stored });
    expect(result).toMatchObject({ ok: true, checked: 2, firstBrokenId: null });
    stored[1].details = { fileName: 'areas.csv', created: 13 };
    expect(await verifyAuditChain({ query: async () => stored })).toMatchObject({ ok: false, firstBrokenId: '44' });
  });
});
