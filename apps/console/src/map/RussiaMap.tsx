import { geoConicEqualArea, geoGraticule10, geoPath } from 'd3-geo';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { type Country, RUSSIA_ID } from './atlas';

export interface MapMarker {
  id: string;
  kind: 'deposit' | 'facility';
  name: string;
  /** [longitude, latitude]. */
  at: [number, number];
  /** Placed at its region's centre: the registry has no coordinates for it. */
  approximate: boolean;
  /** A licence on it ends within the notice period. */
  expiring: boolean;
  details: string[];
}

const WIDTH = 960;
const HEIGHT = 540;

/**
 * Russia in an equal-area conic projection (central meridian 100° E,
 * standard parallels 52° and 64° N, as Russian national maps use), which
 * keeps the country whole across the antimeridian and areas comparable.
 */
function projectionFor(russia: Country | undefined) {
  const projection = geoConicEqualArea().rotate([-100, 0]).parallels([52, 64]);
  if (russia)
    projection.fitExtent(
      [
        [16, 16],
        [WIDTH - 16, HEIGHT - 16],
      ],
      russia,
    );
  return projection;
}

export function RussiaMap({
  countries,
  markers,
  selected,
  onSelect,
}: {
  countries: Country[];
  markers: MapMarker[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const [hovered, setHovered] = useState<string | null>(null);
  const { paths, graticule, project } = useMemo(() => {
    const russia = countries.find((country) => country.id === RUSSIA_ID);
    const projection = projectionFor(russia);
    const path = geoPath(projection);
    return {
      paths: countries.map((country) => ({
        id: String(country.id),
        name: country.properties.name,
        d: path(country) ?? '',
      })),
      graticule: path(geoGraticule10()) ?? '',
      project: (at: [number, number]) => projection(at),
    };
  }, [countries]);

  const focus = markers.find((marker) => marker.id === (hovered ?? selected));
  const focusPoint = focus ? project(focus.at) : null;

  return (
    <div className="map-frame">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('map.label')}>
        <path d={graticule} fill="none" stroke="#dfe6ed" strokeWidth={0.5} />
        {/* The atlas has countries without an id (Kosovo, Somaliland...) and ids given twice: keys need the index. */}
        {paths.map((country, index) => (
          <path
            key={`${country.id}:${index}`}
            d={country.d}
            fill={country.id === RUSSIA_ID ? '#ffffff' : '#e4e9ee'}
            stroke={country.id === RUSSIA_ID ? '#7d8a98' : '#c8d0d9'}
            strokeWidth={country.id === RUSSIA_ID ? 0.9 : 0.5}
          >
            <title>{country.name}</title>
          </path>
        ))}
        {markers.map((marker) => {
          const point = project(marker.at);
          if (!point) return null;
          const active = marker.id === selected || marker.id === hovered;
          const size = active ? 8 : 5.5;
          const stroke = marker.kind === 'deposit' ? '#1d5c87' : '#256c45';
          // Approximate positions are drawn pale and dashed: seen, but not mistaken for surveyed ones.
          const fill = marker.approximate ? (marker.kind === 'deposit' ? '#b9cfe0' : '#bcd9c7') : stroke;
          return (
            <g
              key={marker.id}
              transform={`translate(${point[0]},${point[1]})`}
              tabIndex={0}
              role="button"
              aria-label={`${t(`map.kind.${marker.kind}`)}: ${marker.name}${marker.expiring ? `, ${t('map.expiring')}` : ''}`}
              aria-pressed={marker.id === selected}
              className="map-marker"
              onMouseEnter={() => setHovered(marker.id)}
              onMouseLeave={() => setHovered(null)}
              onFocus={() => setHovered(marker.id)}
              onBlur={() => setHovered(null)}
              onClick={() => onSelect(marker.id === selected ? null : marker.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(marker.id === selected ? null : marker.id);
                }
              }}
            >
              {marker.expiring ? <circle r={size + 5} fill="none" stroke="#d38a00" strokeWidth={2.5} /> : null}
              {marker.kind === 'deposit' ? (
                <circle
                  r={size}
                  fill={fill}
                  stroke={stroke}
                  strokeWidth={1.8}
                  strokeDasharray={marker.approximate ? '2 1.5' : undefined}
                />
              ) : (
                <rect
                  x={-size}
                  y={-size}
                  width={size * 2}
                  height={size * 2}
                  fill={fill}
                  stroke={stroke}
                  strokeWidth={1.8}
                  strokeDasharray={marker.approximate ? '2 1.5' : undefined}
                />
              )}
            </g>
          );
        })}
      </svg>
      {focus && focusPoint ? (
        <div
          className="map-tooltip"
          role="status"
          style={{
            left: `${(focusPoint[0] / WIDTH) * 100}%`,
            top: `${(focusPoint[1] / HEIGHT) * 100}%`,
            transform: `translate(${focusPoint[0] > WIDTH * 0.7 ? 'calc(-100% - 12px)' : '12px'}, ${focusPoint[1] > HEIGHT * 0.55 ? 'calc(-100% - 8px)' : '8px'})`,
          }}
        >
          <strong>{focus.name}</strong>
          {focus.details.map((line) => (
            <div key={line}>{line}</div>
          ))}
          {focus.expiring ? (
            <div className="small" style={{ color: 'var(--warning)' }}>
              {t('map.expiring')}
            </div>
          ) : null}
          {focus.approximate ? <div className="small muted">{t('map.approximate')}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
