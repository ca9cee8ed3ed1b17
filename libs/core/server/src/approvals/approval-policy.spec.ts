import { ApprovalPolicy } from './approval-flow.entity';
import { isLevelSatisfied, rolesForLevel } from './approval-policy';

const approval = (userId: string, ...roles: string[]) => ({ userId, roles });

describe('rolesForLevel', () => {
  it('keeps the roles of the level the user holds', () => {
    expect(rolesForLevel({ roles: ['finance', 'director'], policy: ApprovalPolicy.ANY }, ['clerk', 'director'])).toEqual(['director']);
    expect(rolesForLevel({ roles: ['finance'], policy: ApprovalPolicy.ANY }, ['clerk'])).toEqual([]);
  });
});

describe('isLevelSatisfied', () => {
  it('ANY: one approval by a holder of one of the roles', () => {
    const level = { roles: ['finance', 'director'], policy: ApprovalPolicy.ANY };
    expect(isLevelSatisfied(level, [])).toBe(false);
    expect(isLevelSatisfied(level, [approval('u1', 'director')])).toBe(true);
    expect(isLevelSatisfied(level, [approval('u1', 'clerk')])).toBe(false);
  });

  it('N: the required number of distinct approvers', () => {
    const level = { roles: ['finance'], policy: ApprovalPolicy.N, required: 2 };
    expect(isLevelSatisfied(level, [approval('u1', 'finance')])).toBe(false);
    expect(isLevelSatisfied(level, [approval('u1', 'finance'), approval('u1', 'finance')])).toBe(false);
    expect(isLevelSatisfied(level, [approval('u1', 'finance'), approval('u2', 'finance')])).toBe(true);
    expect(isLevelSatisfied(level, [approval('u1', 'finance'), approval('u2', 'clerk')])).toBe(false);
  });

  it('ALL: one approver per role', () => {
    const level = { roles: ['finance', 'director'], policy: ApprovalPolicy.ALL };
    expect(isLevelSatisfied(level, [approval('u1', 'finance')])).toBe(false);
    expect(isLevelSatisfied(level, [approval('u1', 'finance'), approval('u2', 'finance')])).toBe(false);
    expect(isLevelSatisfied(level, [approval('u1', 'finance'), approval('u2', 'director')])).toBe(true);
  });

  it('ALL: one person holding two of the roles covers only one of them', () => {
    const level = { roles: ['finance', 'director'], policy: ApprovalPolicy.ALL };
    expect(isLevelSatisfied(level, [approval('boss', 'finance', 'director')])).toBe(false);
    expect(isLevelSatisfied(level, [approval('boss', 'finance', 'director'), approval('u2', 'finance')])).toBe(true);
  });

  it('ALL: matches approvers to roles whatever the order they approved in', () => {
    const level = { roles: ['a', 'b', 'c'], policy: ApprovalPolicy.ALL };
    // a greedy assignment would give u1 "a" and leave "a" without anyone else for u2
    expect(isLevelSatisfied(level, [approval('u1', 'a', 'b'), approval('u2', 'a'), approval('u3', 'b', 'c')])).toBe(true);
    expect(isLevelSatisfied(level, [approval('u1', 'a', 'b'), approval('u2', 'a'), approval('u3', 'a')])).toBe(false);
  });
});
