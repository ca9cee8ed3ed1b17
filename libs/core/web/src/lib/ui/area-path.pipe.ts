import { Pipe, PipeTransform } from '@angular/core';

/** What a list needs of an area to name it: `shortPath` is the API's AdminArea.shortPath (names from the area upwards). */
export interface AreaPathSource {
  readonly name: string;
  readonly shortPath?: readonly string[] | null;
}

export const AREA_PATH_SEPARATOR = ' · ';

/**
 * An area as lists show it: its name, followed by as many names above it as make it unambiguous
 * ("Kigwati · Bugendana" when another commune has a colline Kigwati, "Rugari" when it is the only one).
 */
export function formatAreaPath(area: AreaPathSource | null | undefined): string {
  if (!area) return '';
  return area.shortPath?.length ? area.shortPath.join(AREA_PATH_SEPARATOR) : area.name;
}

@Pipe({ name: 'areaPath' })
export class AreaPathPipe implements PipeTransform {
  transform(area: AreaPathSource | null | undefined): string {
    return formatAreaPath(area);
  }
}
