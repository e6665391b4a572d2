import type { RegisterDepositDto } from '../../deposits/dto/deposit.dto';

/**
 * The deposits table of DOMAIN.md. Coordinates only where the source gives
 * them; metals restricted to the catalogue's element symbols (fluorite, tin
 * and the like are left out).
 */
export const DEMO_DEPOSITS = {
  lovozero: {
    name: 'Lovozero (Karnasurt mine)',
    region: 'Murmansk Oblast',
    latitude: 67.85,
    longitude: 34.67,
    metals: ['REE', 'Nb', 'Ta', 'Ti'],
    status: 'producing',
  },
  tomtor: {
    name: 'Tomtor (Buranny site)',
    region: 'Sakha (Yakutia)',
    latitude: 71.03,
    longitude: 116.55,
    metals: ['Nb', 'REE', 'Sc'],
    status: 'development',
  },
  // Pilot production only, from February 2026; full output planned by 2030.
  kolmozerskoye: {
    name: 'Kolmozerskoye',
    region: 'Murmansk Oblast',
    metals: ['Li', 'Ta', 'Nb', 'Be'],
    status: 'development',
  },
  polmostundrovskoye: {
    name: 'Polmostundrovskoye',
    region: 'Murmansk Oblast',
    metals: ['Li', 'Be', 'Nb', 'Ta'],
    status: 'exploration',
  },
  yermakovskoye: {
    name: 'Yermakovskoye',
    region: 'Republic of Buryatia',
    latitude: 51.68,
    longitude: 109.57,
    metals: ['Be'],
    status: 'development',
  },
  zashikhinskoye: {
    name: 'Zashikhinskoye',
    region: 'Irkutsk Oblast',
    metals: ['Ta', 'Nb', 'Zr', 'REE'],
    status: 'development',
  },
  beloziminskoye: { name: 'Beloziminskoye', region: 'Irkutsk Oblast', metals: ['Nb', 'Ta'], status: 'exploration' },
  chuktukon: { name: 'Chuktukon', region: 'Krasnoyarsk Krai', metals: ['REE', 'Nb', 'Sc'], status: 'exploration' },
  katuginskoye: {
    name: 'Katuginskoye',
    region: 'Zabaykalsky Krai',
    metals: ['Nb', 'Ta', 'Zr', 'REE', 'Y'],
    status: 'exploration',
  },
  ulugTanzek: { name: 'Ulug-Tanzek', region: 'Republic of Tyva', metals: ['Ta', 'Nb'], status: 'exploration' },
  tastyg: { name: 'Tastyg', region: 'Republic of Tyva', metals: ['Li', 'Nb', 'Ta'], status: 'development' },
  zavitinskoye: { name: 'Zavitinskoye', region: 'Zabaykalsky Krai', metals: ['Li', 'Be'], status: 'exploration' },
  tatarskoye: { name: 'Tatarskoye', region: 'Krasnoyarsk Krai', metals: ['Nb'], status: 'producing' },
  tuganskoye: { name: 'Tuganskoye', region: 'Tomsk Oblast', metals: ['Zr', 'Ti'], status: 'producing' },
  kovdor: { name: 'Kovdor', region: 'Murmansk Oblast', metals: ['Zr'], status: 'producing' },
  // Producing apatite; the rare earths in its by-products are not recovered yet.
  khibiny: {
    name: 'Khibiny group',
    region: 'Murmansk Oblast',
    latitude: 67.62,
    longitude: 33.67,
    metals: ['REE'],
    status: 'producing',
  },
  // Restart planned.
  malyshevskoye: { name: 'Malyshevskoye', region: 'Sverdlovsk Oblast', metals: ['Be'], status: 'development' },
  // Producing coal; the main Russian germanium deposit (not the lead-zinc one on Novaya Zemlya).
  pavlovskoye: { name: 'Pavlovskoye (brown coal)', region: 'Primorsky Krai', metals: ['Ge'], status: 'producing' },
} satisfies Record<string, RegisterDepositDto>;

export type DemoDeposit = keyof typeof DEMO_DEPOSITS;
