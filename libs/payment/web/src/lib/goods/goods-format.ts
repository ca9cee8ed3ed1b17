export type LineStatus = 'CREATED' | 'FLAGGED' | 'APPROVED' | 'SUBMITTED' | 'PAID' | 'FAILED' | 'CANCELLED' | 'RECONCILED';

/** An item's name in the interface language, else in English. */
export function itemName(names: { en: string; fr?: string | null; pt?: string | null }, lang: string): string {
  return (lang === 'fr' ? names.fr : lang === 'pt' ? names.pt : null) || names.en;
}
