const AUDITED = Symbol('coremis:audited');
const AUDIT_IGNORED = Symbol('coremis:audit-ignored');

export interface AuditedOptions {
  /** Name recorded as `entity_type`; defaults to the class name. */
  entityType?: string;
  /** Properties never recorded (in addition to those marked `@AuditIgnore()`). */
  ignore?: string[];
  /**
   * Property holding the record's area path, copied to the entry so that restricted auditors see only
   * their areas' entries (default `areaPath`; geo's areas use their own `path`).
   */
  areaPathProperty?: string;
}

export interface AuditedSettings {
  entityType: string;
  ignore: ReadonlySet<string>;
  areaPathProperty: string;
}

/**
 * Every insert, update and removal of this entity made through the ORM (`save`, `remove`,
 * `softRemove`, `recover`, `insert`) is written to the audit trail in the same transaction.
 * Query-builder updates and deletes cannot say which rows they touch: they are refused for
 * audited entities unless run with `.callListeners(false)` next to an explicit `AuditService.record`.
 */
export function Audited(options: AuditedOptions = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(AUDITED, options, target);
  };
}

/** Leaves a property out of the audit trail (values and the fact that it changed). */
export function AuditIgnore(): PropertyDecorator {
  return (target, property) => {
    const own: string[] = Reflect.getOwnMetadata(AUDIT_IGNORED, target.constructor) ?? [];
    Reflect.defineMetadata(AUDIT_IGNORED, [...own, String(property)], target.constructor);
  };
}

/** The audit settings of an entity class, or null when it is not audited. Inherited by subclasses. */
export function auditedSettings(target: unknown): AuditedSettings | null {
  if (typeof target !== 'function') return null;
  const options: AuditedOptions | undefined = Reflect.getMetadata(AUDITED, target);
  if (!options) return null;
  const ignore = new Set(options.ignore ?? []);
  for (let cls: unknown = target; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    for (const name of (Reflect.getOwnMetadata(AUDIT_IGNORED, cls) as string[] | undefined) ?? []) ignore.add(name);
  }
  return { entityType: options.entityType ?? (target as { name: string }).name, ignore, areaPathProperty: options.areaPathProperty ?? 'areaPath' };
}

/** Values of these properties are replaced by a marker: the trail says they changed, never what to. */
export const SENSITIVE_PROPERTY = /passw(or)?d|secret|token|otp|private_?key|api_?key|recovery_?code/i;
export const REDACTED = '[REDACTED]';
