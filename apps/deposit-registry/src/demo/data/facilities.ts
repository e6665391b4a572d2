import type { RegisterFacilityDto } from '../../facilities/dto/facility.dto';
import type { DemoCompany } from './companies';
import type { DemoDeposit } from './deposits';

export type DemoFacility = Omit<RegisterFacilityDto, 'operatorCompanyId' | 'depositId'> & {
  operator: DemoCompany;
  deposit?: DemoDeposit;
};

/**
 * The processing plants of DOMAIN.md, in the status they are in. Commissioning
 * years are the plants' founding years from public histories; the days, and
 * the dates of the projects, are ILLUSTRATIVE.
 */
export const DEMO_FACILITIES: DemoFacility[] = [
  {
    name: 'Solikamsk Magnesium Works',
    operator: 'solikamskMagnesium',
    deposit: 'lovozero',
    region: 'Perm Krai',
    productCodes: ['RE-COMPOUNDS', 'CE-COMPOUNDS', 'NB-PENTOXIDE', 'TA-PENTOXIDE'],
    status: 'commissioned',
    statusSince: '1936-07-01',
  },
  {
    // Separation of La, Ce, Nd and Pr oxides; due in 2027.
    name: 'Solikamsk rare-earth separation complex',
    operator: 'solikamskMagnesium',
    deposit: 'lovozero',
    region: 'Perm Krai',
    productCodes: ['RE-COMPOUNDS', 'CE-COMPOUNDS'],
    capacityTonnesPerYear: '2500',
    status: 'under_construction',
    statusSince: '2024-06-01',
  },
  {
    name: 'Chepetsky Mechanical Plant (Glazov)',
    operator: 'chepetskyMechanical',
    region: 'Udmurt Republic',
    productCodes: ['ZR-METAL', 'ZR-DIOXIDE', 'NB-UNWROUGHT', 'TA-UNWROUGHT'],
    status: 'commissioned',
    statusSince: '1946-09-01',
  },
  {
    // The only Russian producer of lithium metal, which the typical catalogue does not list.
    name: 'Novosibirsk Chemical Concentrates Plant',
    operator: 'novosibirskChemical',
    region: 'Novosibirsk Oblast',
    productCodes: ['LI-HYDROXIDE'],
    status: 'commissioned',
    statusSince: '1948-12-01',
  },
  {
    name: 'Angarsk lithium hydroxide plant',
    operator: 'angarskElectrolysis',
    region: 'Irkutsk Oblast',
    productCodes: ['LI-HYDROXIDE'],
    status: 'planned',
    statusSince: '2024-01-15',
  },
  {
    name: 'VSMPO-AVISMA (Verkhnyaya Salda)',
    operator: 'vsmpoAvisma',
    region: 'Sverdlovsk Oblast',
    productCodes: ['TI-SPONGE'],
    status: 'commissioned',
    statusSince: '1941-10-01',
  },
  {
    name: 'Klyuchevsky Ferroalloy Plant',
    operator: 'klyuchevskyFerroalloy',
    region: 'Sverdlovsk Oblast',
    productCodes: ['FERRONIOBIUM'],
    status: 'commissioned',
    statusSince: '1941-11-01',
  },
  {
    // Rare-earth concentrate from phosphogypsum.
    name: 'Skygrad phosphogypsum REE plant (Voskresensk)',
    operator: 'skygrad',
    region: 'Moscow Oblast',
    productCodes: ['RE-COMPOUNDS'],
    status: 'under_construction',
    statusSince: '2023-03-01',
  },
];
