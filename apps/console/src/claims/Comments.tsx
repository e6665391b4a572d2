import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { subsidy } from '../api/subsidy';
import { Badge } from '../common/Badge';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';

/** The conversation on a claim; officers choose whether the producer sees a comment. */
export function Comments({ claimId, officer }: { claimId: string; officer: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'producer'>(officer ? 'internal' : 'producer');
  const key = ['subsidy', 'claim', claimId, 'comments'];
  const comments = useQuery({ queryKey: key, queryFn: () => subsidy.comments(claimId) });
  const post = useMutation({
    mutationFn: () => subsidy.comment(claimId, { text: text.trim(), visibility }),
    onSuccess: async () => {
      setText('');
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const errors = useFormErrors(post.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate();
  }

  return (
    <section className="card" aria-labelledby="claim-comments">
      <h2 id="claim-comments">{t('claims.comments')}</h2>
      <QueryView query={comments}>
        {(list) =>
          list.length === 0 ? (
            <Empty title={t('claims.noComments')} />
          ) : (
            <ol className="timeline">
              {list.map((comment) => (
                <li key={comment.id}>
                  <div className="small muted">
                    {comment.authorName ?? comment.authorId} · {formatDateTime(comment.createdAt, locale)}{' '}
                    {officer ? (
                      <Badge tone={comment.visibility === 'internal' ? 'neutral' : 'info'}>
                        {t(`claims.visibility.${comment.visibility}`)}
                      </Badge>
                    ) : null}
                  </div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{comment.text}</div>
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
      <form onSubmit={submit} noValidate>
        <Field label={t('claims.newComment')} errors={errors.of('text')}>
          <textarea value={text} onChange={(event) => setText(event.target.value)} />
        </Field>
        {officer ? (
          <Field label={t('claims.visibility')} errors={errors.of('visibility')}>
            <select
              value={visibility}
              onChange={(event) => setVisibility(event.target.value as 'internal' | 'producer')}
            >
              <option value="internal">{t('claims.visibility.internal')}</option>
              <option value="producer">{t('claims.visibility.producer')}</option>
            </select>
          </Field>
        ) : null}
        <FormErrors messages={errors.rest()} />
        <button type="submit" className="button" disabled={post.isPending || !text.trim()}>
          {t('claims.postComment')}
        </button>
      </form>
    </section>
  );
}
