import type { Program } from '../data/program.queries';

/** A programme's name in the interface language, else in English. */
export function programName(program: Pick<Program, 'name'>, lang: string): string {
  const names = program.name as unknown as Record<string, string | null | undefined>;
  return names[lang] || program.name.en;
}

/** A `YYYY-MM-DD` day (or a timestamp's day) as the interface language writes it; a dash when there is none. */
export function formatDay(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(y, m - 1, d);
  date.setFullYear(y);
  return new Intl.DateTimeFormat(lang, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
