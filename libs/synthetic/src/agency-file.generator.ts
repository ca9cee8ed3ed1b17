/**
 * An agency's household file as Excel exports it in a French locale: `;` separators, Windows-1252,
 * French headers and labels, the area as Province / Commune / Colline names, one "Nom et prénom"
 * column (family name first), dd/mm/yyyy dates and O/N answers. Used as is by the tests.
 */
export interface AgencyArea {
  province: string;
  commune: string;
  colline: string;
}

export const AGENCY_HEADER = ['N° ménage', 'Province', 'Commune', 'Colline', 'Nom et prénom', 'Sexe', 'Date de naissance', 'Lien avec le chef', 'Toiture', 'Handicap', 'Téléphone', 'N° CNI'];

const SEXES = ['Masculin', 'Féminin'];
const RELATIONS = ['Chef de ménage', 'Épouse', 'Fils', 'Fille'];
const ROOFS = ['Tôle', 'paille', 'TUILES'];

/** Rows of `households` households of 1 to 4 members, with the areas given in turn; `month` changes the keys. */
export function agencyRows(areas: AgencyArea[], households: number, month = 1): string[][] {
  const rows: string[][] = [];
  for (let h = 1; h <= households; h++) {
    const area = areas[(h - 1) % areas.length];
    const size = 1 + ((h - 1) % 4);
    for (let m = 0; m < size; m++) {
      const relation = RELATIONS[m];
      const sex = m === 0 ? SEXES[h % 2] : m === 1 ? SEXES[1 - (h % 2)] : SEXES[m % 2];
      const year = m < 2 ? 1960 + (h % 30) : 2005 + (h % 15);
      rows.push([
        `M${month}-${String(h).padStart(4, '0')}`,
        area.province,
        area.commune,
        area.colline,
        // stray spaces, as typed
        `  Ndayishimiye${h}   ${['Jean', 'Marie Claire', 'Éric', 'Aline'][m]} `,
        sex,
        `${String(1 + (h % 28)).padStart(2, '0')}/${String(1 + (m * 3 + h) % 12).padStart(2, '0')}/${year}`,
        relation,
        ROOFS[h % ROOFS.length],
        m === 3 ? 'O' : 'N',
        m === 0 ? `79 ${String(100000 + h).slice(-6)}` : '',
        m < 2 ? `${month}-${String(h).padStart(5, '0')}-${m}` : '',
      ]);
    }
  }
  return rows;
}

/** The rows as the agency's CSV: `;`-separated, CRLF, Windows-1252 bytes. */
export function agencyCsv(rows: string[][], header = AGENCY_HEADER): Buffer {
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [header, ...rows].map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
  return windows1252(text);
}

/** Text to Windows-1252 bytes (the characters used here are all in Latin-1's printable range or ASCII). */
export function windows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error(`not in Windows-1252: ${text[i]}`);
    bytes[i] = code;
  }
  return bytes;
}
