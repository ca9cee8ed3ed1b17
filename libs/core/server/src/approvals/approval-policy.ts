import { type ApprovalLevel, ApprovalPolicy } from './approval-flow.entity';

export interface Approval {
  userId: string;
  /** The roles of the level the approver held when deciding. */
  roles: readonly string[];
}

/** The roles of a level that the user holds: a user may decide at a level only if this is not empty. */
export function rolesForLevel(level: ApprovalLevel, userRoles: readonly string[]): string[] {
  return level.roles.filter((role) => userRoles.includes(role));
}

/**
 * Whether the approvals given so far at a level complete it.
 * - ANY: one approval.
 * - N: `required` distinct approvers.
 * - ALL: every role of the level is covered by its own approver. One person holding two of the roles
 *   covers only one of them, so "ALL of finance, director" always takes two people (four eyes); an
 *   approver is matched to roles so that the roles are covered whatever order people approved in.
 */
export function isLevelSatisfied(level: ApprovalLevel, approvals: readonly Approval[]): boolean {
  const byUser = new Map<string, string[]>();
  for (const approval of approvals) {
    const roles = approval.roles.filter((role) => level.roles.includes(role));
    if (roles.length) byUser.set(approval.userId, [...new Set([...(byUser.get(approval.userId) ?? []), ...roles])]);
  }
  switch (level.policy) {
    case ApprovalPolicy.ANY:
      return byUser.size >= 1;
    case ApprovalPolicy.N:
      return byUser.size >= Math.max(1, level.required ?? 1);
    case ApprovalPolicy.ALL:
      return maximumMatching([...new Set(level.roles)], byUser) === new Set(level.roles).size;
    default:
      return false;
  }
}

/** Size of a maximum matching between roles and distinct approvers (augmenting paths; levels are small). */
function maximumMatching(roles: string[], rolesByUser: Map<string, string[]>): number {
  const usersByRole = new Map<string, string[]>(roles.map((role) => [role, []]));
  for (const [user, userRoles] of rolesByUser) for (const role of userRoles) usersByRole.get(role)?.push(user);
  const roleOfUser = new Map<string, string>();
  const assign = (role: string, visited: Set<string>): boolean => {
    for (const user of usersByRole.get(role) ?? []) {
      if (visited.has(user)) continue;
      visited.add(user);
      const current = roleOfUser.get(user);
      if (current === undefined || assign(current, visited)) {
        roleOfUser.set(user, role);
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (const role of roles) if (assign(role, new Set())) matched++;
  return matched;
}
