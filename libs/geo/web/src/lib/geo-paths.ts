/** Where the application mounts GEO_ROUTES; the API's menu entries use the same paths. */
export const GEO_BASE_PATH = '/geo';

export const geoAreaLink = (areaId: string): string[] => [GEO_BASE_PATH, 'area', areaId];
export const GEO_IMPORT_LINK = `${GEO_BASE_PATH}/import`;
