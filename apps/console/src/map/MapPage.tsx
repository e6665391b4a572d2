import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { allPages, registry } from '../api/registry';
import { addDays, formatDate, today } from '../common/format';
import { EXPIRY_NOTICE_DAYS } from '../common/expiry';
import { Pagination } from '../common/Pagination';
import { ErrorState, Loading } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { loadCountries } from './atlas';
import { buildMarkers } from './markers';
import { RussiaMap } from './RussiaMap';

const LIST_SIZE = 25;

/** Deposits and plants on a map drawn in the browser, licences nearing expiry ringed. */
export function MapPage() {
  const { t, label, locale } = useI18n();
  const [selected, setSelected] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [show, setShow] = useState({ deposit: true, facility: true, onlyExpiring: false });
  const countries = useQuery({ queryKey: ['map', 'countries'], queryFn: loadCountries, staleTime: Infinity });
  const registryData = useQuery({
    queryKey: ['registry', 'map'],
    queryFn: async () => {
      const [deposits, facilities, expiring] = await Promise.all([
        allPages((page) => registry.deposits({ page, pageSize: 200 })),
        allPages((page) => registry.facilities({ page, pageSize: 200 })),
        allPages((page) =>
          registry.licences({
            status: 'active',
            expiringBefore: addDays(today(), EXPIRY_NOTICE_DAYS + 1),
            page,
            pageSize: 200,
          }),
        ),
      ]);
      return { deposits, facilities, expiring };
    },
  });

  const built = useMemo(() => {
    if (!registryData.data) return null;
    const { deposits, facilities, expiring } = registryData.data;
    const expiryOf = new Map(expiring.map((licence) => [licence.depositId, licence]));
    return buildMarkers(deposits, facilities, expiring, {
      deposit: (deposit) => {
        const licence = expiryOf.get(deposit.id);
        return [
          `${deposit.region} · ${label('depositStatus', deposit.status)}`,
          deposit.metals.join(', '),
          ...(licence
            ? [t('map.licenceEnds', { number: licence.number, date: formatDate(licence.validTo, locale) })]
            : []),
        ];
      },
      facility: (facility) => [
        `${facility.region} · ${label('facilityStatus', facility.status)}`,
        facility.productCodes.join(', '),
      ],
    });
  }, [registryData.data, label, t, locale]);

  const visible = (built?.markers ?? []).filter(
    (marker) => show[marker.kind] && (!show.onlyExpiring || marker.expiring),
  );
  const listed = [...visible].sort((a, b) => a.name.localeCompare(b.name));
  const shownPage = Math.min(page, Math.max(1, Math.ceil(listed.length / LIST_SIZE)));

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.map')}</h1>
          <p className="muted">{t('map.subtitle')}</p>
        </div>
      </div>
      <div className="map-layout">
        <div>
          {countries.isError ? <ErrorState error={countries.error} onRetry={() => void countries.refetch()} /> : null}
          {registryData.isError ? (
            <ErrorState error={registryData.error} onRetry={() => void registryData.refetch()} />
          ) : null}
          {countries.isPending || registryData.isPending ? <Loading label={t('map.loading')} /> : null}
          {countries.data && built ? (
            <RussiaMap countries={countries.data} markers={visible} selected={selected} onSelect={setSelected} />
          ) : null}
          <div className="legend" aria-label={t('map.legend')}>
            <span>
              <span className="legend-swatch" style={{ background: '#1d5c87' }} />
              {t('map.kind.deposit')}
            </span>
            <span>
              <span className="legend-swatch" style={{ background: '#256c45', borderRadius: 2 }} />
              {t('map.kind.facility')}
            </span>
            <span>
              <span className="legend-swatch" style={{ borderColor: '#d38a00' }} />
              {t('map.expiring')}
            </span>
            <span>
              <span
                className="legend-swatch"
                style={{ background: '#b9cfe0', borderColor: '#1d5c87', borderStyle: 'dashed' }}
              />
              {t('map.approximateShort')}
            </span>
          </div>
        </div>
        <aside className="card">
          <fieldset>
            <legend>{t('map.show')}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={show.deposit}
                onChange={(event) => setShow({ ...show, deposit: event.target.checked })}
              />
              <span>{t('map.deposits')}</span>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={show.facility}
                onChange={(event) => setShow({ ...show, facility: event.target.checked })}
              />
              <span>{t('map.facilities')}</span>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={show.onlyExpiring}
                onChange={(event) => setShow({ ...show, onlyExpiring: event.target.checked })}
              />
              <span>{t('map.onlyExpiring')}</span>
            </label>
          </fieldset>
          <p className="small muted">{t('map.count', { count: visible.length })}</p>
          <ul className="plain-list map-list">
            {listed.slice((shownPage - 1) * LIST_SIZE, shownPage * LIST_SIZE).map((marker) => (
              <li key={marker.id}>
                <button
                  type="button"
                  aria-pressed={marker.id === selected}
                  onClick={() => setSelected(marker.id === selected ? null : marker.id)}
                >
                  {marker.name}
                  <span className="small muted">
                    {' '}
                    · {t(`map.kind.${marker.kind}`)}
                    {marker.expiring ? ` · ${t('map.expiring')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <Pagination page={shownPage} pageSize={LIST_SIZE} total={listed.length} onPage={setPage} />
          {built?.unplaced.length ? (
            <p className="small muted">
              {t('map.unplaced', { names: built.unplaced.map((item) => `${item.name} (${item.region})`).join(', ') })}
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
