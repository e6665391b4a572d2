// Writes docs/asyncapi.json and docs/events.md from the contracts in libs/contracts.
//   npm run contracts:docs
// Keys are sorted and the text is formatted by Prettier, so the file only changes
// when the contracts do and `prettier --check` accepts it.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { generateAsyncApi } from '../libs/contracts/src/asyncapi/asyncapi.generator';
import { renderEventCatalogue } from '../libs/contracts/src/asyncapi/event-catalogue.markdown';

const OUTPUT = path.resolve(__dirname, '../docs/asyncapi.json');
const CATALOGUE = path.resolve(__dirname, '../docs/events.md');

/** Object keys in code-point order at every level; arrays keep their order (it carries meaning). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)]));
}

async function main(): Promise<void> {
  const json = JSON.stringify(sortKeys(generateAsyncApi()), null, 2);
  const options = await resolveConfig(OUTPUT);
  const text = await format(json, { ...options, filepath: OUTPUT });
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, text);
  const catalogue = await format(renderEventCatalogue(), { ...(await resolveConfig(CATALOGUE)), filepath: CATALOGUE });
  writeFileSync(CATALOGUE, catalogue);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} and ${path.relative(process.cwd(), CATALOGUE)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
