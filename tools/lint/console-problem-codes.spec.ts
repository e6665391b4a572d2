// Every code a service can answer with or give as a reason is put in the user's words by the
// console, in both languages: a code added to a service without them shows its English there.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CODE = /['`]([A-Z][A-Z_]*\.[A-Z][A-Z_0-9]*)['`]/g;

function sources(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.split(path.sep).includes('testing'))
    .map((file) => path.join(folder, file));
}

function servicesCodes(): Map<string, string> {
  const folders = readdirSync(path.join(ROOT, 'apps'))
    .filter((app) => app !== 'console')
    .map((app) => `apps/${app}/src`);
  for (const lib of readdirSync(path.join(ROOT, 'libs'))) folders.push(`libs/${lib}/src`);
  const found = new Map<string, string>();
  for (const file of folders.flatMap(sources)) {
    for (const [, code] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(CODE)) {
      if (!found.has(code)) found.set(code, file);
    }
  }
  return found;
}

const read = (file: string) => readFileSync(path.join(ROOT, 'apps/console/src/i18n', file), 'utf8');

describe('the console words every code the services use', () => {
  const codes = servicesCodes();
  const [en, ru, reasons] = [read('en.ts'), read('ru.ts'), read('field-messages.ts')];

  it('finds the codes (the search still matches how services write them)', () => {
    expect(codes.get('REQUEST.INVALID')).toBeDefined();
    expect(codes.get('CLAIM.NO_COMPANY')).toBeDefined();
    expect(codes.get('REPORT.REGISTRY_DATA_MISSING')).toBeDefined();
  });

  it('has a Russian and an English problem text, or a reason pattern, for each', () => {
    const unworded = [...codes]
      .filter(([code]) => {
        const problem = `'problem.${code}'`;
        return !(en.includes(problem) && ru.includes(problem)) && !reasons.includes(code.replace('.', '\\.'));
      })
      .map(([code, file]) => `${code} (${file})`);
    expect(unworded).toEqual([]);
  });
});
