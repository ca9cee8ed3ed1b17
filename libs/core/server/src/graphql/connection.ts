import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './app-error';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A promise, read lazily (getter) so that a page without totalCount never pays for a count. */
  totalCount: number | Promise<number>;
}

/** Relay-style connection type named `<Name>Connection` with `<Name>Edge` edges. */
export function Connection<T>(nodeType: Type<T>, name: string = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number | Promise<number>;
  }
  return ConnectionType;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(500)
  first = 50;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

export interface SortKey {
  /** SQL expression, e.g. `area.code`. */
  expression: string;
  /** Property of the raw entity used to build the cursor. */
  read: (row: never) => unknown;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw badInput('core.errors.invalidCursor');
}

/**
 * Keyset pagination over a query builder: rows after the cursor in (sort..., id) order, one extra
 * row fetched to know whether a next page exists. The count runs only if a client asks for it.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  sort: { expression: string; value: (row: T) => unknown }[],
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  const keys = [...sort, { expression: `${alias}.id`, value: (row: T) => row.id }];
  const countQuery = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const params: Record<string, unknown> = {};
    values.forEach((v, i) => (params[`cursor${i}`] = v));
    query.andWhere(`(${keys.map((k) => k.expression).join(', ')}) > (${keys.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  keys.forEach((k, i) => (i === 0 ? query.orderBy(k.expression, 'ASC') : query.addOrderBy(k.expression, 'ASC')));
  const rows = await query.take(undefined).limit(args.first + 1).getMany();
  const hasNextPage = rows.length > args.first;
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keys.map((k) => k.value(node))) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return countQuery.getCount();
    },
  };
}
