import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fastMany } from '../database/fast-rows';
import { badInput } from './app-error';
import { isUnstorableText } from './unstorable-text';

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

/** What a cursor position may hold: `scalar` is any string, number, boolean or null. */
export type CursorValueKind = 'uuid' | 'numeric' | 'scalar';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^-?\d{1,30}(\.\d{1,30})?$/;

function fits(value: unknown, kind: CursorValueKind): boolean {
  if (kind === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (kind === 'numeric') return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && NUMERIC.test(value));
  if (typeof value === 'string') return value.length <= 1000 && !isUnstorableText(value);
  return value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The values of a cursor made by `encodeCursor`, checked against the expected shape (a length, or the
 * kind of each position); anything else, forged or from another list, is the client's mistake.
 */
export function decodeCursor(cursor: string, shape: number | CursorValueKind[]): unknown[] {
  const kinds: CursorValueKind[] = typeof shape === 'number' ? Array.from({ length: shape }, () => 'scalar') : shape;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === kinds.length && values.every((v, i) => fits(v, kinds[i]))) return values;
  } catch {
    // fall through
  }
  throw badInput('core.errors.invalidCursor');
}

/**
 * Keyset pagination over a query builder: rows after the cursor in (sort..., id) order, ascending or
 * (`direction`) descending on every key, one extra row fetched to know whether a next page exists.
 * The count runs only if a client asks for it. A list sorted several ways gives each sort its own
 * `sort` keys; a cursor is only meaningful with the sort that made it (pages start again when the
 * sort changes).
 */
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

export interface PaginateOptions {
  descending?: boolean;
  /**
   * Names the sort in the cursor: a cursor made under another sort (or by a list without a tag) is
   * refused instead of being read as a position in this order.
   */
  sortTag?: string;
}

/** The paging options of a list sorted as the client asked (`order`), its cursors tagged with that sort; none without one. */
export function sortOptions(order: { field: string; direction: SortDirection } | null | undefined): PaginateOptions {
  return order ? { descending: order.direction === SortDirection.DESC, sortTag: `${order.field}.${order.direction}` } : {};
}

export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  sort: { expression: string; value: (row: T) => unknown }[],
  options: PaginateOptions = {},
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  const keys = [...sort, { expression: `${alias}.id`, value: (row: T) => row.id }];
  const tag = options.sortTag;
  const countQuery = query.clone();
  if (args.after) {
    const decoded = decodeCursor(args.after, [...(tag ? ['scalar' as const] : []), ...sort.map(() => 'scalar' as const), 'uuid']);
    if (tag && decoded[0] !== tag) throw badInput('core.errors.invalidCursor');
    const values = tag ? decoded.slice(1) : decoded;
    const params: Record<string, unknown> = {};
    values.forEach((v, i) => (params[`cursor${i}`] = v));
    // every key in the same direction, so one row comparison is the keyset condition
    query.andWhere(`(${keys.map((k) => k.expression).join(', ')}) ${options.descending ? '<' : '>'} (${keys.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  const direction = options.descending ? 'DESC' : 'ASC';
  keys.forEach((k, i) => (i === 0 ? query.orderBy(k.expression, direction) : query.addOrderBy(k.expression, direction)));
  const rows = await fastMany(query.take(undefined).limit(args.first + 1));
  const hasNextPage = rows.length > args.first;
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor([...(tag ? [tag] : []), ...keys.map((k) => cursorValue(k.value(node)))]) }));
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

/** A cursor holds JSON scalars: a timestamp is kept as its ISO text, which PostgreSQL compares as the timestamp. */
function cursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
