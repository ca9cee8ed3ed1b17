import { types as pgTypes, type Pool } from 'pg';
import { QueryFailedError, type EntityMetadata, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

type Mapper = (row: Record<string, unknown>) => ObjectLiteral;
type ArrayMapper = (row: unknown[]) => ObjectLiteral;

const DATE_OID = 1082;
const keepText = (value: string) => value;
/**
 * For the read path only: a DATE column stays the 'YYYY-MM-DD' text PostgreSQL sent (as TypeORM's entity
 * holds it), instead of being parsed into a Date and formatted back; every other type as pg parses it.
 */
const readTypes = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID && format !== 'binary' ? keepText : pgTypes.getTypeParser(oid, format as 'text')) };
const mappers = new WeakMap<EntityMetadata, Map<string, Mapper>>();

/**
 * `query.getMany()` for the read path: the same SQL (scope, filters, order, limit are the query
 * builder's), but each row is turned into an entity by a mapper built once per entity from its
 * metadata, instead of TypeORM's generic transformer, which costs far more than the query on a page of
 * a few hundred rows (profiled: it and the garbage it makes were most of a list page's CPU time).
 * Queries with joins, locks or a transaction's query runner keep TypeORM's path.
 */
export async function fastMany<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  const map = query.expressionMap;
  const runner = (query as unknown as { queryRunner?: unknown }).queryRunner;
  if (map.joinAttributes.length || map.relationIdAttributes.length || map.relationCountAttributes.length || map.lockMode || runner || !map.mainAlias?.hasMetadata) return query.getMany();
  const [sql, parameters] = query.getQueryAndParameters();
  const pool = (query.connection.driver as unknown as { master?: Pool }).master;
  if (query.connection.driver.options.type !== 'postgres' || !pool?.query) {
    const rows = (await query.connection.query(sql, parameters)) as Record<string, unknown>[];
    return rows.map(mapperFor(map.mainAlias.metadata, map.mainAlias.name)) as T[];
  }
  // straight to the pool (no TypeORM query runner per statement), rows as arrays (no object with a key
  // per selected column for each row, made only to be copied into the entity) and DATE kept as text
  // (a failure is the QueryFailedError TypeORM would have thrown, so error handling is unchanged)
  const result = await pool.query({ text: sql, values: parameters, rowMode: 'array', types: readTypes }).catch((error: Error) => {
    throw new QueryFailedError(sql, parameters, error);
  });
  const mapper = arrayMapperFor(map.mainAlias.metadata, map.mainAlias.name, result.fields.map((f) => f.name));
  return result.rows.map(mapper) as T[];
}

const arrayMappers = new WeakMap<EntityMetadata, Map<string, ArrayMapper>>();

function arrayMapperFor(metadata: EntityMetadata, alias: string, fieldNames: string[]): ArrayMapper {
  let byKey = arrayMappers.get(metadata);
  if (!byKey) arrayMappers.set(metadata, (byKey = new Map()));
  const cacheKey = `${alias}\u0000${fieldNames.join('\u0000')}`;
  let mapper = byKey.get(cacheKey);
  if (mapper) return mapper;
  const prototype = (metadata.target as { prototype: object }).prototype;
  const columns = metadata.columns
    .filter((c) => !c.relationMetadata && !c.embeddedMetadata)
    .map((c) => ({
      index: fieldNames.indexOf(`${alias}_${c.databaseName}`),
      property: c.propertyName,
      // several transformers apply last to first when reading, as in TypeORM
      transformers: c.transformer ? (Array.isArray(c.transformer) ? [...c.transformer].reverse() : [c.transformer]) : [],
      isDate: c.type === 'date',
    }))
    .filter((c) => c.index >= 0);
  mapper = (row) => {
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (const c of columns) {
      let value = row[c.index];
      if (c.isDate && value instanceof Date) value = dateString(value);
      for (const t of c.transformers) value = t.from(value);
      entity[c.property] = value;
    }
    return entity;
  };
  byKey.set(cacheKey, mapper);
  return mapper;
}

function mapperFor(metadata: EntityMetadata, alias: string): Mapper {
  let byAlias = mappers.get(metadata);
  if (!byAlias) mappers.set(metadata, (byAlias = new Map()));
  let mapper = byAlias.get(alias);
  if (mapper) return mapper;
  const prototype = (metadata.target as { prototype: object }).prototype;
  const columns = metadata.columns
    .filter((c) => !c.relationMetadata && !c.embeddedMetadata)
    .map((c) => {
      // several transformers apply last to first when reading, as in TypeORM
      const transformers = c.transformer ? (Array.isArray(c.transformer) ? [...c.transformer].reverse() : [c.transformer]) : [];
      return { key: `${alias}_${c.databaseName}`, property: c.propertyName, transformers, isDate: c.type === 'date' };
    });
  mapper = (row) => {
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (const c of columns) {
      if (!(c.key in row)) continue;
      let value = row[c.key];
      // as TypeORM does: a DATE column is a 'YYYY-MM-DD' string in the entity
      if (c.isDate && value instanceof Date) value = dateString(value);
      for (const t of c.transformers) value = t.from(value);
      entity[c.property] = value;
    }
    return entity;
  };
  byAlias.set(alias, mapper);
  return mapper;
}

function dateString(d: Date): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
