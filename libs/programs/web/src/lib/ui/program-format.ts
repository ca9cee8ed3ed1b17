import type { Program } from '../data/program.queries';

/** A programme's name in the interface language, else in English. */
export function programName(program: Pick<Program, 'name'>, lang: string): string {
  const names = program.name as unknown as Record<string, string | null | undefined>;
  return names[lang] || program.name.en;
}

