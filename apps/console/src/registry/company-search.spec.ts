import { describe, expect, it } from '@jest/globals';
import { matchesCompany, searchCompanies } from './company-search';

const lovozero = { id: 'c-1', legalName: 'ООО «Ловозёрский ГОК»', inn: '5104002234' };
const solikamsk = { id: 'c-2', legalName: 'ПАО «Соликамский магниевый завод»', inn: '5919470019' };
const successor = { id: 'c-3', legalName: 'Successor JSC', inn: '7707083893' };
const companies = [lovozero, solikamsk, successor];

const names = (query: string, chosenId?: string) =>
  searchCompanies(companies, query, chosenId).offered.map((company) => company.legalName);

describe('console: finding a company in the hand-over picker', () => {
  it('finds a part of the legal name whatever its letter case, and ignores spaces around the search', () => {
    expect(matchesCompany(solikamsk, 'магниевый')).toBe(true);
    expect(matchesCompany(solikamsk, 'СОЛИКАМСКИЙ МАГ')).toBe(true);
    expect(matchesCompany(successor, '  successor j ')).toBe(true);
    expect(matchesCompany(successor, 'SUCCESSOR')).toBe(true);
    expect(names('гок')).toEqual(['ООО «Ловозёрский ГОК»']);
  });

  it('takes е for ё either way round', () => {
    expect(matchesCompany(lovozero, 'ловозерский')).toBe(true);
    expect(matchesCompany(lovozero, 'ЛОВОЗЁРСКИЙ')).toBe(true);
    expect(matchesCompany({ legalName: 'АО «Северное»', inn: '1' }, 'сЕвЁрное')).toBe(true);
  });

  it('finds the first digits of the INN, not digits elsewhere in it', () => {
    expect(names('5104')).toEqual(['ООО «Ловозёрский ГОК»']);
    expect(names('5')).toEqual(['ООО «Ловозёрский ГОК»', 'ПАО «Соликамский магниевый завод»']);
    expect(names(' 7707 083 ')).toEqual(['Successor JSC']);
    expect(names('7707083893')).toEqual(['Successor JSC']);
    expect(names('083893')).toEqual([]);
  });

  it('offers none when nothing matches, counting none', () => {
    expect(searchCompanies(companies, 'норильский')).toEqual({ offered: [], matching: 0 });
    expect(searchCompanies(companies, '77070838930')).toEqual({ offered: [], matching: 0 });
  });

  it('offers every company, in the order given, for an empty search', () => {
    expect(searchCompanies(companies, '')).toEqual({ offered: companies, matching: 3 });
    expect(searchCompanies(companies, '   ')).toEqual({ offered: companies, matching: 3 });
    expect(searchCompanies([], '')).toEqual({ offered: [], matching: 0 });
  });

  it('keeps the company already chosen, in its place, without counting it as found', () => {
    expect(searchCompanies(companies, 'норильский', 'c-2')).toEqual({ offered: [solikamsk], matching: 0 });
    expect(names('successor', 'c-1')).toEqual(['ООО «Ловозёрский ГОК»', 'Successor JSC']);
    expect(searchCompanies(companies, 'successor', 'c-3')).toEqual({ offered: [successor], matching: 1 });
  });
});
