import type { Deposit, Facility, Licence } from '../api/registry';
import type { MapMarker } from './RussiaMap';
import { regionCentre } from './region-centres';

export interface MarkerText {
  deposit: (deposit: Deposit) => string[];
  facility: (facility: Facility) => string[];
}

/**
 * Markers for deposits (their coordinates, else their region's centre) and
 * plants (their region's centre: the registry keeps no plant coordinates).
 * Markers sharing a spot are spread on a small circle so each can be seen
 * and clicked. What cannot be placed is returned apart.
 */
export function buildMarkers(deposits: Deposit[], facilities: Facility[], expiring: Licence[], text: MarkerText) {
  const expiringDeposits = new Set(expiring.map((licence) => licence.depositId));
  const markers: MapMarker[] = [];
  const unplaced: { id: string; name: string; region: string }[] = [];
  for (const deposit of deposits) {
    const exact = deposit.latitude !== null && deposit.longitude !== null;
    const at = exact ? ([deposit.longitude, deposit.latitude] as [number, number]) : regionCentre(deposit.region);
    if (!at) unplaced.push({ id: deposit.id, name: deposit.name, region: deposit.region });
    else
      markers.push({
        id: deposit.id,
        kind: 'deposit',
        name: deposit.name,
        at,
        approximate: !exact,
        expiring: expiringDeposits.has(deposit.id),
        details: text.deposit(deposit),
      });
  }
  for (const facility of facilities) {
    const at = regionCentre(facility.region);
    if (!at) unplaced.push({ id: facility.id, name: facility.name, region: facility.region });
    else
      markers.push({
        id: facility.id,
        kind: 'facility',
        name: facility.name,
        at,
        approximate: true,
        expiring: false,
        details: text.facility(facility),
      });
  }
  return { markers: spread(markers), unplaced };
}

function spread(markers: MapMarker[]): MapMarker[] {
  const groups = new Map<string, MapMarker[]>();
  for (const marker of markers) {
    const key = `${marker.at[0].toFixed(1)}:${marker.at[1].toFixed(1)}`;
    groups.set(key, [...(groups.get(key) ?? []), marker]);
  }
  return [...groups.values()].flatMap((group) =>
    group.length === 1
      ? group
      : group.map((marker, index) => {
          const angle = (2 * Math.PI * index) / group.length;
          // About 40 km around the spot, wider in longitude where meridians converge.
          const radius = 0.4;
          const lonScale = 1 / Math.max(0.3, Math.cos((marker.at[1] * Math.PI) / 180));
          return {
            ...marker,
            at: [marker.at[0] + radius * lonScale * Math.cos(angle), marker.at[1] + radius * Math.sin(angle)] as [
              number,
              number,
            ],
          };
        }),
  );
}
