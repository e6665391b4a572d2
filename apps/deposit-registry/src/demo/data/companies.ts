import type { RegisterCompanyDto } from '../../companies/dto/company.dto';

/**
 * Licence holders and plant operators named in DOMAIN.md. The INNs are
 * ILLUSTRATIVE, not the companies' real ones: generated with the region's
 * tax code in front and valid check digits, so that they pass validation.
 */
export const DEMO_COMPANIES = {
  lovozerskyGok: { legalName: 'Lovozersky GOK LLC (Rosatom)', inn: '5116377823', region: 'Murmansk Oblast' },
  vostokEngineering: { legalName: 'Vostok Engineering LLC (Rosneft)', inn: '1465411076', region: 'Sakha (Yakutia)' },
  polarLithium: { legalName: 'Polar Lithium LLC (Nornickel, Rosatom)', inn: '5195112400', region: 'Murmansk Oblast' },
  arcticLithium: { legalName: 'Arctic Lithium JSC', inn: '5159808400', region: 'Murmansk Oblast' },
  ermakovskoye: { legalName: 'Ermakovskoye LLC', inn: '0379555643', region: 'Republic of Buryatia' },
  tekhnoinvestAlliance: { legalName: 'Tekhnoinvest Alliance CJSC', inn: '3827350261', region: 'Irkutsk Oblast' },
  elbrusmetallLitiy: { legalName: 'Elbrusmetall-Litiy LLC (Rostec)', inn: '1735836971', region: 'Republic of Tyva' },
  tgokIlmenit: { legalName: 'TGOK Ilmenit LLC (ARMZ, Rosatom)', inn: '7003294714', region: 'Tomsk Oblast' },
  kovdorskyGok: { legalName: 'Kovdorsky GOK JSC (EuroChem)', inn: '5182989032', region: 'Murmansk Oblast' },
  apatit: { legalName: 'Apatit JSC (PhosAgro)', inn: '5163345875', region: 'Murmansk Oblast' },
  malyshevskoyeMine: {
    legalName: 'Malyshevskoye Mine Administration JSC (Rostec)',
    inn: '6671086261',
    region: 'Sverdlovsk Oblast',
  },
  primorskugol: { legalName: 'Primorskugol JSC (SUEK)', inn: '2599773834', region: 'Primorsky Krai' },
  solikamskMagnesium: { legalName: 'Solikamsk Magnesium Works JSC (Rosatom)', inn: '5999100973', region: 'Perm Krai' },
  chepetskyMechanical: {
    legalName: 'Chepetsky Mechanical Plant JSC (TVEL)',
    inn: '1899000632',
    region: 'Udmurt Republic',
  },
  novosibirskChemical: {
    legalName: 'Novosibirsk Chemical Concentrates Plant PJSC (TVEL)',
    inn: '5405866118',
    region: 'Novosibirsk Oblast',
  },
  angarskElectrolysis: {
    legalName: 'Angarsk Electrolysis Chemical Combine JSC',
    inn: '3841429957',
    region: 'Irkutsk Oblast',
  },
  vsmpoAvisma: { legalName: 'VSMPO-AVISMA Corporation PJSC', inn: '6696365281', region: 'Sverdlovsk Oblast' },
  klyuchevskyFerroalloy: {
    legalName: 'Klyuchevsky Ferroalloy Plant JSC',
    inn: '6691070855',
    region: 'Sverdlovsk Oblast',
  },
  skygrad: { legalName: 'Skygrad LLC', inn: '5055244823', region: 'Moscow Oblast' },
} satisfies Record<string, RegisterCompanyDto>;

export type DemoCompany = keyof typeof DEMO_COMPANIES;
