/**
 * Administrative centres of Russia's federal subjects (latitude, longitude),
 * where the map places a deposit or plant the registry has no coordinates
 * for; such markers are drawn as approximate. Names are matched loosely
 * ("Republic of Buryatia", "Buryatia", "Sakha (Yakutia)" all match).
 */
const CENTRES: [string, number, number][] = [
  ['moscow', 55.75, 37.62],
  ['saint petersburg', 59.94, 30.31],
  ['sevastopol', 44.62, 33.53],
  ['moscow oblast', 55.82, 37.33],
  ['leningrad', 59.57, 30.13],
  ['murmansk', 68.97, 33.08],
  ['arkhangelsk', 64.54, 40.54],
  ['karelia', 61.79, 34.36],
  ['komi', 61.67, 50.84],
  ['nenets', 67.64, 53.01],
  ['vologda', 59.22, 39.89],
  ['novgorod', 58.52, 31.27],
  ['pskov', 57.82, 28.33],
  ['kaliningrad', 54.71, 20.51],
  ['belgorod', 50.6, 36.59],
  ['bryansk', 53.24, 34.37],
  ['vladimir', 56.13, 40.41],
  ['voronezh', 51.67, 39.18],
  ['ivanovo', 57.0, 40.97],
  ['kaluga', 54.51, 36.26],
  ['kostroma', 57.77, 40.93],
  ['kursk', 51.73, 36.19],
  ['lipetsk', 52.61, 39.59],
  ['oryol', 52.97, 36.07],
  ['ryazan', 54.63, 39.74],
  ['smolensk', 54.78, 32.05],
  ['tambov', 52.72, 41.45],
  ['tver', 56.86, 35.9],
  ['tula', 54.19, 37.62],
  ['yaroslavl', 57.63, 39.87],
  ['adygea', 44.61, 40.1],
  ['kalmykia', 46.31, 44.26],
  ['krasnodar', 45.04, 38.98],
  ['astrakhan', 46.35, 48.04],
  ['volgograd', 48.71, 44.51],
  ['rostov', 47.24, 39.71],
  ['crimea', 44.95, 34.1],
  ['dagestan', 42.98, 47.5],
  ['ingushetia', 43.17, 44.81],
  ['kabardino balkaria', 43.49, 43.61],
  ['karachay cherkessia', 44.23, 42.05],
  ['north ossetia', 43.02, 44.68],
  ['chechnya', 43.32, 45.69],
  ['chechen', 43.32, 45.69],
  ['stavropol', 45.04, 41.97],
  ['bashkortostan', 54.74, 55.97],
  ['mari el', 56.63, 47.89],
  ['mordovia', 54.18, 45.18],
  ['tatarstan', 55.79, 49.12],
  ['udmurt', 56.85, 53.21],
  ['udmurtia', 56.85, 53.21],
  ['chuvash', 56.15, 47.25],
  ['chuvashia', 56.15, 47.25],
  ['perm', 58.01, 56.25],
  ['kirov', 58.6, 49.66],
  ['nizhny novgorod', 56.33, 44.0],
  ['orenburg', 51.77, 55.1],
  ['penza', 53.2, 45.0],
  ['samara', 53.2, 50.15],
  ['saratov', 51.53, 46.03],
  ['ulyanovsk', 54.32, 48.4],
  ['kurgan', 55.44, 65.34],
  ['sverdlovsk', 56.84, 60.61],
  ['tyumen', 57.15, 65.53],
  ['chelyabinsk', 55.16, 61.4],
  ['khanty mansi', 61.0, 69.02],
  ['yamalo nenets', 66.53, 66.61],
  ['altai republic', 51.96, 85.96],
  ['tyva', 51.72, 94.45],
  ['tuva', 51.72, 94.45],
  ['khakassia', 53.72, 91.44],
  ['altai', 53.35, 83.78],
  ['krasnoyarsk', 56.01, 92.85],
  ['irkutsk', 52.29, 104.28],
  ['kemerovo', 55.35, 86.09],
  ['novosibirsk', 55.03, 82.92],
  ['omsk', 54.99, 73.37],
  ['tomsk', 56.48, 84.95],
  ['buryatia', 51.83, 107.58],
  ['sakha yakutia', 62.03, 129.73],
  ['sakha', 62.03, 129.73],
  ['yakutia', 62.03, 129.73],
  ['zabaykalsky', 52.03, 113.5],
  ['kamchatka', 53.02, 158.65],
  ['primorsky', 43.12, 131.89],
  ['khabarovsk', 48.48, 135.07],
  ['amur', 50.26, 127.53],
  ['magadan', 59.56, 150.81],
  ['sakhalin', 46.96, 142.73],
  ['jewish', 48.79, 132.92],
  ['chukotka', 64.73, 177.51],
];

const IGNORED = new Set([
  'republic',
  'of',
  'the',
  'oblast',
  'krai',
  'kray',
  'autonomous',
  'okrug',
  'region',
  'city',
  'federal',
]);

export function normaliseRegion(name: string): string {
  return name
    .toLowerCase()
    .replace(/[()'’,.-]/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !IGNORED.has(word))
    .join(' ');
}

const BY_NAME = new Map(CENTRES.map(([name, lat, lon]) => [name, [lon, lat] as [number, number]]));

/** [longitude, latitude] of the region's centre, or null when the name is not recognised. */
export function regionCentre(region: string): [number, number] | null {
  const name = normaliseRegion(region);
  // "Moscow Oblast" is not the city, nor the Altai Republic the krai: such pairs keep their qualifier in the table.
  for (const qualifier of ['oblast', 'republic']) {
    const qualified = `${name} ${qualifier}`;
    if (new RegExp(`\\b${qualifier}\\b`, 'i').test(region) && BY_NAME.has(qualified))
      return BY_NAME.get(qualified) ?? null;
  }
  return BY_NAME.get(name) ?? null;
}
