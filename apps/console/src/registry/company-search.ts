/** What a company is found by: its legal name, and its INN. */
export interface Searchable {
  legalName: string;
  inn: string;
}

/** Staff type «ловозерский» for ООО «Ловозёрский ГОК»: letter case, ё and stray spaces tell no company apart. */
function folded(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, 'е');
}

/**
 * Whether a company answers a search: a part of its legal name, or the first digits of its INN. An INN is
 * matched from its start only, so that a few digits do not find every company with them somewhere inside.
 * An empty search answers every company.
 */
export function matchesCompany(company: Searchable, query: string): boolean {
  const wanted = folded(query);
  if (!wanted) return true;
  if (folded(company.legalName).includes(wanted)) return true;
  // INNs are written in groups now and then (7707 083 893): the digits are what count.
  const digits = wanted.replace(/\s+/g, '');
  return /^\d+$/.test(digits) && company.inn.startsWith(digits);
}

/**
 * The companies a picker offers for a search, in the order given. The one already chosen stays whatever the
 * search, so that typing never changes what the form would send.
 */
export function searchCompanies<T extends Searchable & { id: string }>(
  companies: readonly T[],
  query: string,
  chosenId?: string,
): { offered: T[]; matching: number } {
  const offered: T[] = [];
  let matching = 0;
  for (const company of companies) {
    const matches = matchesCompany(company, query);
    if (matches) matching += 1;
    if (matches || company.id === chosenId) offered.push(company);
  }
  return { offered, matching };
}
