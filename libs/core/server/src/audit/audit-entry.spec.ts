import { RequestContext, type RequestContextData } from '../context/request-context';
import { prepareAuditEntry } from './audit-entry';

const context: RequestContextData = {
  ...RequestContext.system('req-7'),
  ip: '10.0.0.1',
  actor: { userId: '0190A0B0-0000-7000-8000-000000000001', username: 'ana', sessionId: null, roles: [], permissions: new Set(), areaPaths: null },
};

describe('prepareAuditEntry', () => {
  it('takes who, the request id and the address from the request context', () => {
    expect(prepareAuditEntry({ action: 'UPDATE', entityType: 'AdminArea', entityId: 'a1', changes: { code: { before: 'A', after: 'B' } } }, context)).toEqual({
      userId: '0190a0b0-0000-7000-8000-000000000001',
      username: 'ana',
      action: 'UPDATE',
      entityType: 'AdminArea',
      entityId: 'a1',
      changes: { code: { before: 'A', after: 'B' } },
      details: null,
      requestId: 'req-7',
      ip: '10.0.0.1',
      areaPath: null,
    });
  });

  it('lets the entry name the user (a failed login has no actor) without mixing in the actor', () => {
    const failed = prepareAuditEntry({ action: 'LOGIN_FAILED', username: 'mallory', details: { reason: 'bad password' } }, context);
    expect(failed).toMatchObject({ userId: null, username: 'mallory', details: { reason: 'bad password' } });
    const logout = prepareAuditEntry({ action: 'LOGOUT', userId: context.actor!.userId }, context);
    expect(logout).toMatchObject({ userId: '0190a0b0-0000-7000-8000-000000000001', username: 'ana' });
  });

  it('works without any context (system work) and normalises values', () => {
    expect(prepareAuditEntry({ action: 'IMPORT', details: { at: new Date(0), skip: undefined } }, undefined)).toEqual({
      userId: null,
      username: null,
      action: 'IMPORT',
      entityType: null,
      entityId: null,
      changes: null,
      details: { at: '1970-01-01T00:00:00.000Z' },
      requestId: null,
      ip: null,
      areaPath: null,
    });
  });

  it('keeps the area path of the record the entry is about (outside the hashed fields)', () => {
    expect(prepareAuditEntry({ action: 'CREATE', entityType: 'Household', entityId: 'h1', areaPath: '/a/b/' }, context).areaPath).toBe('/a/b/');
  });

  it('refuses malformed actions and user ids before anything is written', () => {
    expect(() => prepareAuditEntry({ action: 'update' }, undefined)).toThrow(/Invalid audit action/);
    expect(() => prepareAuditEntry({ action: 'LOGIN', userId: 'nope' }, undefined)).toThrow(/Invalid audit user id/);
  });
});
