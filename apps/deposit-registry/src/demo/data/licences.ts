import type { IssueLicenceDto } from '../../licences/dto/licence.dto';
import type { DemoCompany } from './companies';
import type { DemoDeposit } from './deposits';

export type DemoLicence = Omit<IssueLicenceDto, 'holderCompanyId' | 'depositId'> & {
  holder: DemoCompany;
  deposit: DemoDeposit;
};

/**
 * Licences of the licensed deposits in DOMAIN.md. Numbers follow the Russian
 * pattern (region series, serial, TE production / TR combined) but are
 * ILLUSTRATIVE, as are the dates except Kolmozerskoye (21 Feb 2023), the 2023
 * Polmostundrovskoye licence and Tastyg (October 2023).
 */
export const DEMO_LICENCES: DemoLicence[] = [
  {
    number: 'MUR 01574 TE',
    holder: 'lovozerskyGok',
    deposit: 'lovozero',
    type: 'production',
    validFrom: '2012-03-01',
    validTo: '2032-12-31',
  },
  {
    number: 'YAK 04193 TR',
    holder: 'vostokEngineering',
    deposit: 'tomtor',
    type: 'combined',
    validFrom: '2014-12-01',
    validTo: '2039-11-30',
  },
  {
    number: 'MUR 16045 TR',
    holder: 'polarLithium',
    deposit: 'kolmozerskoye',
    type: 'combined',
    validFrom: '2023-02-21',
    validTo: '2048-02-20',
  },
  {
    number: 'MUR 16118 TR',
    holder: 'arcticLithium',
    deposit: 'polmostundrovskoye',
    type: 'combined',
    validFrom: '2023-11-28',
    validTo: '2048-11-27',
  },
  {
    number: 'UDE 00822 TR',
    holder: 'ermakovskoye',
    deposit: 'yermakovskoye',
    type: 'combined',
    validFrom: '2016-06-01',
    validTo: '2036-05-31',
  },
  {
    number: 'IRK 03041 TR',
    holder: 'tekhnoinvestAlliance',
    deposit: 'zashikhinskoye',
    type: 'combined',
    validFrom: '2010-09-01',
    validTo: '2035-08-31',
  },
  {
    number: 'KZL 15912 TR',
    holder: 'elbrusmetallLitiy',
    deposit: 'tastyg',
    type: 'combined',
    validFrom: '2023-10-24',
    validTo: '2048-10-23',
  },
  {
    number: 'TOM 01488 TE',
    holder: 'tgokIlmenit',
    deposit: 'tuganskoye',
    type: 'production',
    validFrom: '2008-04-01',
    validTo: '2038-03-31',
  },
  {
    number: 'MUR 00312 TE',
    holder: 'kovdorskyGok',
    deposit: 'kovdor',
    type: 'production',
    validFrom: '2001-07-01',
    validTo: '2035-12-31',
  },
  {
    number: 'MUR 00284 TE',
    holder: 'apatit',
    deposit: 'khibiny',
    type: 'production',
    validFrom: '1994-10-01',
    validTo: '2038-12-31',
  },
  {
    number: 'SVE 08207 TE',
    holder: 'malyshevskoyeMine',
    deposit: 'malyshevskoye',
    type: 'production',
    validFrom: '2016-02-15',
    validTo: '2036-02-14',
  },
  {
    number: 'VLV 01967 TE',
    holder: 'primorskugol',
    deposit: 'pavlovskoye',
    type: 'production',
    validFrom: '2006-05-01',
    validTo: '2031-04-30',
  },
];
