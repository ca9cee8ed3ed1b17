import { Audited, auditedSettings, AuditIgnore, SENSITIVE_PROPERTY } from './audited.decorator';

@Audited({ ignore: ['searchText'] })
class Person {
  name: string;

  @AuditIgnore()
  cachedScore: number;
}

class Beneficiary extends Person {
  @AuditIgnore()
  lastSeen: Date;
}

@Audited({ entityType: 'Household' })
class HouseholdEntity {}

class Plain {}

describe('@Audited / @AuditIgnore', () => {
  it('names the entity type after the class unless told otherwise', () => {
    expect(auditedSettings(Person)?.entityType).toBe('Person');
    expect(auditedSettings(HouseholdEntity)?.entityType).toBe('Household');
    expect(auditedSettings(Plain)).toBeNull();
    expect(auditedSettings('admin_area')).toBeNull();
  });

  it('collects ignored properties from the options and the decorators, inherited', () => {
    expect([...auditedSettings(Person)!.ignore].sort()).toEqual(['cachedScore', 'searchText']);
    expect(auditedSettings(Beneficiary)).toMatchObject({ entityType: 'Beneficiary' });
    expect([...auditedSettings(Beneficiary)!.ignore].sort()).toEqual(['cachedScore', 'lastSeen', 'searchText']);
  });

  it('recognises secrets by name', () => {
    for (const name of ['passwordHash', 'password_hash', 'totpSecret', 'refreshToken', 'apiKey', 'recoveryCodes']) expect(SENSITIVE_PROPERTY.test(name)).toBe(true);
    for (const name of ['nameEn', 'code', 'isActive', 'householdSize']) expect(SENSITIVE_PROPERTY.test(name)).toBe(false);
  });
});
