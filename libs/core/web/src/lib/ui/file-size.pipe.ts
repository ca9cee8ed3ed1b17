import { Pipe, PipeTransform } from '@angular/core';

const UNITS = ['B', 'kB', 'MB', 'GB'];

/** A size in bytes for reading, in the interface language's digits: `1 234 567` → `1,2 MB` in French. */
export function formatFileSize(bytes: number, lang: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit]}`;
}

/** `{{ size | fileSize: lang() }}` */
@Pipe({ name: 'fileSize' })
export class FileSizePipe implements PipeTransform {
  transform(bytes: number | null | undefined, lang: string): string {
    return bytes === null || bytes === undefined ? '' : formatFileSize(bytes, lang);
  }
}
