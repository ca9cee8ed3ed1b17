import { createHash } from 'node:crypto';
import { auditRowHash, canonicalJson, type AuditRowContent, toJsonValue } from './audit-hash';

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
