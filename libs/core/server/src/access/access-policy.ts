import type { Actor } from '../context/request-context';

/** True when the actor holds every permission (a role with `*` holds them all). */
export function hasPermissions(actor: Actor | null, permissions: readonly string[]): boolean {
  if (!actor) return false;
  return actor.permissions.has('*') || permissions.every((p) => actor.permissions.has(p));
}
