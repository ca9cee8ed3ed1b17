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
  { name: 'householdKey', target: 'member', kind: 'text', required: true, max: 100, aliases: ['householdkey', 'householdcode', 'household', 'hhid', 'hhcode', 'householdid', 'menage', 'agregado'] },
  { name: 'code', target: 'household', kind: 'text', max: 50, aliases: ['code', 'householdnumber'] },
  { name: 'areaCode', target: 'household', kind: 'text', required: true, max: 50, aliases: ['areacode', 'area', 'village', 'villagecode', 'location', 'admincode'] },
  { name: 'address', target: 'household', kind: 'text', max: 500, aliases: ['address', 'adresse', 'endereco'] },
  { name: 'latitude', target: 'household', kind: 'decimal', min: -90, maxValue: 90, aliases: ['latitude', 'lat', 'gpslatitude'] },
  { name: 'longitude', target: 'household', kind: 'decimal', min: -180, maxValue: 180, aliases: ['longitude', 'lon', 'lng', 'gpslongitude'] },
  { name: 'rooms', target: 'household', kind: 'int', min: 0, maxValue: 50, aliases: ['rooms', 'numberofrooms', 'pieces'] },
  vocab('wallMaterial', ['wallmaterial', 'walls', 'wall']),
  vocab('roofMaterial', ['roofmaterial', 'roof']),
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
  { name: 'otherNames', target: 'member', kind: 'text', max: 200, aliases: ['othernames', 'middlename', 'middlenames'] },
  { name: 'sex', target: 'member', kind: 'choice', required: true, choices: ['F', 'M'], aliases: ['sex', 'gender', 'sexe', 'sexo'] },
  { name: 'birthDate', target: 'member', kind: 'date', aliases: ['birthdate', 'dateofbirth', 'dob', 'datenaissance', 'datanascimento'] },
  { name: 'relationship', target: 'member', kind: 'choice', required: true, choices: Object.values(Relationship), aliases: ['relationship', 'relationtohead', 'relation', 'lien', 'parentesco'] },
  { name: 'recipientRole', target: 'member', kind: 'choice', choices: Object.values(RecipientRole), aliases: ['recipientrole', 'recipient', 'role'] },
  vocab('maritalStatus', ['maritalstatus', 'marital'], 'member'),
  vocab('disability', ['disability', 'handicap'], 'member'),
  vocab('education', ['education', 'schooling'], 'member'),
  { name: 'occupation', target: 'member', kind: 'text', max: 100, aliases: ['occupation', 'job', 'profession'] },
  { name: 'phones', target: 'member', kind: 'phones', aliases: ['phone', 'phones', 'phonenumber', 'mobile', 'telephone', 'telefone'] },
  { name: 'documentType', target: 'member', kind: 'choice', choices: VOCABULARY.documentType, aliases: ['documenttype', 'idtype'] },
  { name: 'documentNumber', target: 'member', kind: 'text', max: 60, aliases: ['documentnumber', 'idnumber', 'nationalid', 'documentno'] },
];

export const IMPORT_FIELD_BY_NAME = new Map(IMPORT_FIELDS.map((f) => [f.name, f]));

/** Which file of a layout a field is read from. */
export function fileOfField(field: ImportFieldDefinition, layout: ImportLayout): ImportFile {
  if (layout === 'ONE_FILE') return 'members';
  return field.target === 'household' ? 'households' : 'members';
}

/** Extra fields are mapped as `extra.<property>`. */
export const EXTRA_PREFIX = 'extra.';

/** The mapping a header suggests: each field whose alias matches a column (case, spaces and punctuation ignored). */
export function suggestMapping(headers: string[], layout: ImportLayout, file: ImportFile, extraProperties: string[]): Record<string, string> {
  const simplify = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '');
  const byKey = new Map(headers.map((h) => [simplify(h), h]));
  const mapping: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) {
    if (fileOfField(field, layout) !== file && !(layout === 'TWO_FILES' && field.name === 'householdKey')) continue;
    const column = [field.name.toLowerCase(), ...field.aliases].map((a) => byKey.get(a)).find(Boolean);
    if (column) mapping[field.name] = column;
  }
  for (const property of extraProperties) {
    const column = byKey.get(simplify(property));
    if (column) mapping[`${EXTRA_PREFIX}${property}`] = column;
  }
  return mapping;
}
