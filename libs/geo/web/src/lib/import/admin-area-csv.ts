/** The columns of an administrative-areas CSV file, in order, with their translated descriptions. */
export const ADMIN_AREA_CSV_COLUMNS = [
  { name: 'level', required: true, descriptionKey: 'geo.import.columns.level' },
  { name: 'code', required: true, descriptionKey: 'geo.import.columns.code' },
  { name: 'parent_code', required: false, descriptionKey: 'geo.import.columns.parentCode' },
  { name: 'name_en', required: true, descriptionKey: 'geo.import.columns.nameEn' },
  { name: 'name_fr', required: false, descriptionKey: 'geo.import.columns.nameFr' },
  { name: 'name_pt', required: false, descriptionKey: 'geo.import.columns.namePt' },
] as const;

export const ADMIN_AREA_CSV_EXAMPLE = [
  ADMIN_AREA_CSV_COLUMNS.map((column) => column.name).join(','),
  'country,XC,,Example Country,Pays exemple,País exemplo',
  'province,XC-01,XC,Northern Province,Province du Nord,Província do Norte',
  'district,XC-01-01,XC-01,Lakeside District,District du Lac,Distrito do Lago',
  'village,XC-01-01-001,XC-01-01,Riverside,Bord-de-Rivière,Beira-Rio',
].join('\n');
