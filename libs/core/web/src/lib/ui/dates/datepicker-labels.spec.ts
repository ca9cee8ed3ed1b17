import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../../../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('date picker labels', () => {
  // the labels are not provided for the whole application (that would put the date picker in the first load):
  // a component showing a date picker provides them, or its calendar speaks English on a French page
  it('are provided by every component that imports the date picker', () => {
    const libs = join(ROOT, 'libs');
    const webLibraries = readdirSync(libs).map((key) => join(libs, key, 'web/src')).filter((dir) => {
      try {
        return readdirSync(dir).length > 0;
      } catch {
        return false;
      }
    });
    const files = webLibraries.flatMap(sources).filter((file) => /MatDatepickerModule/.test(readFileSync(file, 'utf8')));
    expect(files.length).toBeGreaterThan(0);
    const missing = files.filter((file) => !readFileSync(file, 'utf8').includes('provideDatepickerLabels()')).map((file) => relative(ROOT, file));
    expect(missing).toEqual([]);
  });
});
