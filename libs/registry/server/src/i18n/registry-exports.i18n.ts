/** Column headers of the registry's exports (CSV/XLSX), in the language of the user who asked. */
export const registryExportsEn = {
  areaCode: 'Area code',
  areaName: 'Area',
  status: 'Status',
  household: { code: 'Household code', externalId: 'External ID', address: 'Address', registrationDate: 'Registered on', latitude: 'Latitude', longitude: 'Longitude' },
  individual: { familyName: 'Family name', givenName: 'Given name', sex: 'Sex', birthDate: 'Date of birth', phones: 'Phones', relationship: 'Relationship to head', externalId: 'External ID' },
};

export const registryExportsFr: typeof registryExportsEn = {
  areaCode: 'Code de la zone',
  areaName: 'Zone',
  status: 'Statut',
  household: { code: 'Code du ménage', externalId: 'Identifiant externe', address: 'Adresse', registrationDate: 'Enregistré le', latitude: 'Latitude', longitude: 'Longitude' },
  individual: { familyName: 'Nom de famille', givenName: 'Prénom', sex: 'Sexe', birthDate: 'Date de naissance', phones: 'Téléphones', relationship: 'Lien avec le chef', externalId: 'Identifiant externe' },
};

export const registryExportsPt: typeof registryExportsEn = {
  areaCode: 'Código da área',
  areaName: 'Área',
  status: 'Estado',
  household: { code: 'Código do agregado', externalId: 'ID externo', address: 'Morada', registrationDate: 'Registado em', latitude: 'Latitude', longitude: 'Longitude' },
  individual: { familyName: 'Apelido', givenName: 'Nome próprio', sex: 'Sexo', birthDate: 'Data de nascimento', phones: 'Telefones', relationship: 'Relação com o chefe', externalId: 'ID externo' },
};
