import { registryEn } from '../i18n/registry.en';
import { registryFr } from '../i18n/registry.fr';
import { registryPt } from '../i18n/registry.pt';
import { RecipientRole, Relationship, VOCABULARY } from '../registry-vocabulary';

export type ImportFile = 'households' | 'members';
export type ImportLayout = 'ONE_FILE' | 'TWO_FILES';
export type ImportMode = 'ALL_OR_NOTHING' | 'VALID_ONLY';

export interface ImportFieldDefinition {
  name: string;
  /** Which staging table the value lands in. */
  target: 'household' | 'member';
  kind: 'text' | 'int' | 'decimal' | 'date' | 'choice' | 'list' | 'phones';
  required?: boolean;
  max?: number;
  min?: number;
  maxValue?: number;
  choices?: readonly string[];
  /** Header names recognised when suggesting a mapping (lower case, without spaces or punctuation). */
  aliases: string[];
}

const vocab = (name: keyof typeof VOCABULARY, aliases: string[], target: 'household' | 'member' = 'household'): ImportFieldDefinition => ({
  name,
  target,
  kind: 'choice',
  choices: VOCABULARY[name],
  aliases,
});

/** Every field an import can fill, with how its text is checked and converted. */
export const IMPORT_FIELDS: ImportFieldDefinition[] = [
  { name: 'householdKey', target: 'member', kind: 'text', required: true, max: 100, aliases: ['householdkey', 'householdcode', 'household', 'hhid', 'hhcode', 'householdid', 'menage', 'agregado', 'idmenage', 'numeromenage', 'codemenage', 'nmenage', 'idagregado', 'codigoagregado'] },
  { name: 'code', target: 'household', kind: 'text', max: 50, aliases: ['code', 'householdnumber'] },
  { name: 'areaCode', target: 'household', kind: 'text', required: true, max: 50, aliases: ['areacode', 'area', 'village', 'villagecode', 'location', 'admincode'] },
  ...[1, 2, 3, 4, 5].map((level): ImportFieldDefinition => ({ name: `areaLevel${level}`, target: 'household', kind: 'text', max: 200, aliases: [] })),
  { name: 'address', target: 'household', kind: 'text', max: 500, aliases: ['address', 'adresse', 'endereco'] },
  { name: 'latitude', target: 'household', kind: 'decimal', min: -90, maxValue: 90, aliases: ['latitude', 'lat', 'gpslatitude'] },
  { name: 'longitude', target: 'household', kind: 'decimal', min: -180, maxValue: 180, aliases: ['longitude', 'lon', 'lng', 'gpslongitude'] },
  { name: 'rooms', target: 'household', kind: 'int', min: 0, maxValue: 50, aliases: ['rooms', 'numberofrooms', 'pieces'] },
  vocab('wallMaterial', ['wallmaterial', 'walls', 'wall']),
  vocab('roofMaterial', ['roofmaterial', 'roof', 'toiture', 'materiauxdutoit', 'cobertura']),
  vocab('floorMaterial', ['floormaterial', 'floor']),
  vocab('waterSource', ['watersource', 'water']),
  vocab('sanitation', ['sanitation', 'toilet']),
  vocab('lighting', ['lighting', 'light']),
  vocab('cookingFuel', ['cookingfuel', 'fuel']),
  { name: 'assets', target: 'household', kind: 'list', choices: VOCABULARY.assets, aliases: ['assets', 'biens'] },
  { name: 'registrationDate', target: 'household', kind: 'date', aliases: ['registrationdate', 'registeredon', 'dateofregistration'] },
  { name: 'externalId', target: 'member', kind: 'text', max: 100, aliases: ['externalid', 'personid', 'individualid', 'memberid', 'id'] },
  { name: 'givenName', target: 'member', kind: 'text', required: true, max: 100, aliases: ['givenname', 'firstname', 'prenom', 'nome', 'forename'] },
  { name: 'familyName', target: 'member', kind: 'text', required: true, max: 100, aliases: ['familyname', 'lastname', 'surname', 'nom', 'apelido'] },
  { name: 'fullName', target: 'member', kind: 'text', max: 300, aliases: ['fullname', 'name', 'nometprenom', 'nomprenom', 'nomcomplet', 'nomeapelido', 'nomecompleto', 'apelidoenome'] },
  { name: 'otherNames', target: 'member', kind: 'text', max: 200, aliases: ['othernames', 'middlename', 'middlenames'] },
  { name: 'sex', target: 'member', kind: 'choice', required: true, choices: ['F', 'M'], aliases: ['sex', 'gender', 'sexe', 'sexo'] },
  { name: 'birthDate', target: 'member', kind: 'date', aliases: ['birthdate', 'dateofbirth', 'dob', 'datenaissance', 'datanascimento', 'nele', 'neele', 'naissance'] },
  { name: 'relationship', target: 'member', kind: 'choice', required: true, choices: Object.values(Relationship), aliases: ['relationship', 'relationtohead', 'relation', 'lien', 'parentesco', 'liendeparente', 'lienparente', 'relacaocomochefe'] },
  { name: 'recipientRole', target: 'member', kind: 'choice', choices: Object.values(RecipientRole), aliases: ['recipientrole', 'recipient', 'role'] },
  vocab('maritalStatus', ['maritalstatus', 'marital'], 'member'),
  vocab('disability', ['disability', 'handicap', 'handicape', 'personnehandicapee', 'deficiencia', 'deficiente'], 'member'),
  vocab('education', ['education', 'schooling'], 'member'),
  { name: 'occupation', target: 'member', kind: 'text', max: 100, aliases: ['occupation', 'job', 'profession'] },
  { name: 'phones', target: 'member', kind: 'phones', aliases: ['phone', 'phones', 'phonenumber', 'mobile', 'telephone', 'telefone', 'tel', 'portable', 'numerodetelephone', 'celular', 'telemovel', 'contacto', 'contact'] },
  { name: 'documentType', target: 'member', kind: 'choice', choices: VOCABULARY.documentType, aliases: ['documenttype', 'idtype'] },
  { name: 'documentNumber', target: 'member', kind: 'text', max: 60, aliases: ['documentnumber', 'idnumber', 'nationalid', 'documentno', 'ncni', 'cni', 'numerocni', 'cartedidentite', 'numerodepiece', 'nbi', 'bi', 'numerobi', 'nid'] },
];

export const IMPORT_FIELD_BY_NAME = new Map(IMPORT_FIELDS.map((f) => [f.name, f]));

/** Which file of a layout a field is read from. */
export function fileOfField(field: ImportFieldDefinition, layout: ImportLayout): ImportFile {
  if (layout === 'ONE_FILE') return 'members';
  return field.target === 'household' ? 'households' : 'members';
}

/** Extra fields are mapped as `extra.<property>`. */
export const EXTRA_PREFIX = 'extra.';

/** Text compared without case, accents, spaces or punctuation ("N° CNI" → "ncni"). */
export const simplify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');

const LABELS = [registryEn.fields, registryFr.fields, registryPt.fields] as Record<string, string>[];

/** Every key a header may have to match a field: its name, its aliases and its label in every interface language. */
export function keysOfField(field: ImportFieldDefinition): string[] {
  return [field.name.toLowerCase(), ...field.aliases, ...LABELS.map((labels) => (labels[field.name] ? simplify(labels[field.name]) : '')).filter(Boolean)];
}

/**
 * The mapping a header suggests: each field whose name, alias or label (in any interface language)
 * matches a column, case, accents, spaces and punctuation ignored; `areaLevelNames` are the names of
 * the deployment's admin levels by rank (1 = the first level below the root), matched to `areaLevel<n>`.
 * A column is suggested for one field at most.
 */
export function suggestMapping(headers: string[], layout: ImportLayout, file: ImportFile, extraProperties: string[], areaLevelNames: string[][] = []): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const h of headers) if (!byKey.has(simplify(h))) byKey.set(simplify(h), h);
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  const take = (field: string, keys: string[]) => {
    const column = keys.map((k) => byKey.get(k)).find((c) => c && !used.has(c));
    if (!column) return;
    mapping[field] = column;
    used.add(column);
  };
  for (const field of IMPORT_FIELDS) {
    if (fileOfField(field, layout) !== file && !(layout === 'TWO_FILES' && field.name === 'householdKey')) continue;
    if (field.name.startsWith('areaLevel')) {
      const rank = Number(field.name.slice('areaLevel'.length));
      take(field.name, (areaLevelNames[rank - 1] ?? []).map(simplify).filter(Boolean));
      continue;
    }
    take(field.name, keysOfField(field));
  }
  // a full name is only suggested when given and family names have no column of their own
  if (mapping['fullName'] && (mapping['givenName'] || mapping['familyName'])) delete mapping['fullName'];
  else if (mapping['fullName']) {
    delete mapping['givenName'];
    delete mapping['familyName'];
  }
  for (const property of extraProperties) {
    const column = byKey.get(simplify(property));
    if (column && !used.has(column)) mapping[`${EXTRA_PREFIX}${property}`] = column;
  }
  return mapping;
}
