import { type Actor, RequestContext } from '@coremis/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A programme is in a restricted user's scope when one of its coverage areas overlaps one of the
 * user's areas: inside it (a district programme for a regional officer) or around it (a national
 * programme for a district officer, who then sees only the beneficiaries of their district).
 */
export function applyProgramScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, coveragePathsExpression: string, actor: Actor | null = RequestContext.actor()): SelectQueryBuilder<T> {
  const paths = actor?.areaPaths;
  if (!paths) return query;
  if (!paths.length) return query.andWhere('false');
  return query.andWhere(
    `EXISTS (SELECT 1 FROM unnest(${coveragePathsExpression}) AS cov(path), unnest(CAST(:programScopePaths AS text[])) AS usr(path)
             WHERE starts_with(cov.path, usr.path) OR starts_with(usr.path, cov.path))`,
    { programScopePaths: paths },
  );
}

/** Whether a path (a household's) is covered by a programme: it lies under one of the coverage areas. */
export function isCovered(path: string, coveragePaths: readonly string[]): boolean {
  return coveragePaths.some((prefix) => path.startsWith(prefix));
}
