import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { monitoring, type Silence } from '../api/monitoring';
import { PAGE_SIZE } from '../api/page';
import { useAuth } from '../auth/AuthProvider';
import { Badge, type Tone } from '../common/Badge';
import { ConfirmButton } from '../common/ConfirmButton';
import { DataTable } from '../common/DataTable';
import { FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { Tabs } from '../common/Tabs';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { SubjectByLatestAlert, SubjectLink } from './AlertSubject';
import { SilenceForm } from './SilenceForm';

type Shown = 'active' | 'all';
type SilenceState = 'active' | 'scheduled' | 'ended';

const TONE: Record<SilenceState, Tone> = { active: 'warning', scheduled: 'info', ended: 'neutral' };

function stateOf(silence: Silence, now = Date.now()): SilenceState {
  if (Date.parse(silence.endsAt) <= now) return 'ended';
  return Date.parse(silence.startsAt) > now ? 'scheduled' : 'active';
}

/** Silences in force (or all of them), newest first; analysts create and end them. */
export function SilencesPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [params] = useSearchParams();
  const { get, set, page, setPage } = useUrlState<'show'>();
  const shown: Shown = get('show') === 'all' ? 'all' : 'active';
  const silences = useQuery({
    queryKey: ['monitoring', 'silences', { shown, page }],
    queryFn: () => monitoring.silences({ active: shown === 'active' ? true : undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const acts = hasRole('ministry_analyst', 'admin');
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('silences.title')}</h1>
          <p className="muted">{t('silences.subtitle')}</p>
        </div>
      </div>
      {acts ? (
        <section className="card">
          <SilenceForm rule={params.get('rule') ?? ''} subject={params.get('subject') ?? ''} />
        </section>
      ) : null}
      <section className="card">
        <Tabs<Shown>
          label={t('silences.show')}
          tabs={[
            { id: 'active', label: t('silences.show.active') },
            { id: 'all', label: t('silences.show.all') },
          ]}
          current={shown}
          onChange={(id) => set({ show: id === 'active' ? null : id })}
        />
        <PagedQueryView
          query={silences}
          page={page}
          onPage={setPage}
          empty={<Empty title={shown === 'active' ? t('silences.none') : t('silences.noneAtAll')} />}
        >
          {(items) => <SilenceTable silences={items} acts={acts} />}
        </PagedQueryView>
      </section>
    </div>
  );
}

function SilenceTable({ silences, acts }: { silences: Silence[]; acts: boolean }) {
  const { t, label, locale } = useI18n();
  const client = useQueryClient();
  const end = useMutation({
    mutationFn: (id: string) => monitoring.endSilence(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'silences'] }),
  });
  const errors = useFormErrors(end.error);
  return (
    <>
      <FormErrors messages={errors.rest()} />
      <DataTable<Silence>
        rows={silences}
        rowKey={(silence) => silence.id}
        label={t('silences.title')}
        columns={[
          {
            header: t('silences.rule'),
            cell: (silence) => (silence.ruleId ? label('rule', silence.ruleId) : t('silences.anyRule')),
          },
          {
            header: t('silences.subject'),
            cell: (silence) =>
              silence.subject ? (
                <SubjectLink subject={silence.subject}>
                  <SubjectByLatestAlert subject={silence.subject} />
                </SubjectLink>
              ) : (
                <span className="muted">{t('silences.anySubject')}</span>
              ),
          },
          {
            header: t('silences.period'),
            cell: (silence) => (
              <span className="nowrap">
                {formatDateTime(silence.startsAt, locale)} — {formatDateTime(silence.endsAt, locale)}
              </span>
            ),
          },
          { header: t('silences.reason'), cell: (silence) => silence.reason },
          {
            header: t('silences.createdBy'),
            cell: (silence) => silence.createdBy?.name ?? silence.createdBy?.userId ?? '—',
          },
          {
            header: t('common.status'),
            cell: (silence) => {
              const state = stateOf(silence);
              return (
                <>
                  <Badge tone={TONE[state]}>{t(`silences.state.${state}`)}</Badge>
                  {silence.endedBy && silence.endedAt ? (
                    <div className="small muted">
                      {t('silences.endedBy', {
                        who: silence.endedBy.name ?? silence.endedBy.userId,
                        at: formatDateTime(silence.endedAt, locale),
                      })}
                    </div>
                  ) : null}
                </>
              );
            },
          },
          ...(acts
            ? [
                {
                  header: <span className="visually-hidden">{t('silences.end')}</span>,
                  cell: (silence: Silence) =>
                    stateOf(silence) === 'ended' ? null : (
                      <ConfirmButton
                        label={t('silences.end')}
                        ariaLabel={`${t('silences.end')}: ${silence.reason}`}
                        disabled={end.isPending}
                        onConfirm={() => end.mutate(silence.id)}
                      />
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
