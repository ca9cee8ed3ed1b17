import { compactPhone, toE164 } from './phone-number';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** How many distinct name terms one query word may stand for. */
const MAX_TERMS_PER_WORD = 300;

export type SearchKind = 'phone' | 'document' | 'name';

/** Digits (with an optional +) look like a phone or a document number; anything else is a name. */
export function normalisePhone(text: string): string | null {
  const compact = compactPhone(text);
  // stored numbers are E.164: a national number is searched with the deployment's country code
  return /^\+?[0-9]{6,15}$/.test(compact) ? (toE164(compact) ?? compact) : null;
}

/**
 * Turns each word of a name query into the set of known name terms it may stand for: same
 * phonetic key (Mohammed ~ Muhamad), trigram-similar (Dialo ~ Diallo) or starting with it (Moham…).
 * The work happens on the small dictionary of distinct names; individuals are then reached through
 * plain b-tree indexes on their normalised names.
 */
export async function nameTermsOf(em: EntityManager, query: string): Promise<string[][]> {
  const rows: { terms: string[] | null }[] = await em.query(
    `SELECT (SELECT array_agg(t.term) FROM (
               SELECT n.term FROM registry.name_term n
                WHERE n.term LIKE w.word || '%' ESCAPE '\\'
                   OR n.term % w.word
                   OR n.key = registry.name_key(w.word)
                   OR (position(' ' IN n.term) > 0 AND n.term LIKE '%' || w.word || '%' ESCAPE '\\')
                LIMIT ${MAX_TERMS_PER_WORD}) t) AS terms
       FROM unnest(string_to_array(registry.name_norm($1), ' ')) WITH ORDINALITY AS w(word, i)
      WHERE w.word <> ''
      ORDER BY w.i`,
    [query],
  );
  return rows.map((r) => r.terms ?? []);
}

/** Restricts a query on individuals (alias `alias`) to those whose names match every word. */
export function whereNameMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, termsPerWord: string[][]): SelectQueryBuilder<T> {
  if (termsPerWord.some((terms) => !terms.length)) return query.andWhere('false');
  termsPerWord.forEach((terms, i) => {
    query.andWhere(`(${alias}.given_norm = ANY(:terms${i}) OR ${alias}.family_norm = ANY(:terms${i}))`, { [`terms${i}`]: terms });
  });
  return query;
}
