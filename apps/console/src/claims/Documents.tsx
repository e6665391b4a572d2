import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ClaimDocument, downloadDocument, subsidy } from '../api/subsidy';
import { FormErrors } from '../common/Field';
import { FileUpload } from '../common/FileUpload';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Supporting documents, each kept with its SHA-256; `canAttach` while the claim can still change. */
export function Documents({ claimId, canAttach }: { claimId: string; canAttach: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const documents = useQuery({
    queryKey: ['subsidy', 'claim', claimId, 'documents'],
    queryFn: () => subsidy.documents(claimId),
  });
  const download = useMutation({ mutationFn: (document: ClaimDocument) => downloadDocument(claimId, document) });
  const downloadErrors = useFormErrors(download.error);
  return (
    <section className="card" aria-labelledby="claim-documents">
      <h2 id="claim-documents">{t('claims.documents')}</h2>
      <QueryView query={documents}>
        {(list) =>
          list.length === 0 ? (
            <Empty title={t('claims.noDocuments')} />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('claims.fileName')}</th>
                    <th scope="col" className="num">
                      {t('claims.size')}
                    </th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">{t('claims.uploadedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((document: ClaimDocument) => (
                    <tr key={document.id}>
                      <td>
                        <button type="button" className="link-button" onClick={() => download.mutate(document)}>
                          {document.fileName}
                        </button>
                      </td>
                      <td className="num">{kilobytes(document.sizeBytes)}</td>
                      <td className="mono small" title={document.sha256}>
                        {document.sha256.slice(0, 16)}…
                      </td>
                      <td>{formatDateTime(document.uploadedAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <FormErrors messages={downloadErrors.rest()} />
      {canAttach ? (
        <FileUpload<ClaimDocument>
          accept=".pdf,.png,.jpg,.jpeg,.xlsx,.xls,.docx,.doc,.csv,.zip,application/pdf,image/*"
          send={async (file, onProgress, signal) => {
            const document = await subsidy.attach(claimId, file, onProgress, signal);
            await client.invalidateQueries({ queryKey: ['subsidy', 'claim', claimId, 'documents'] });
            return document;
          }}
          rowOf={() => null}
          renderResult={(document) => (
            <p className="notice notice-success" role="status">
              {t('claims.attached', { name: document.fileName })}
            </p>
          )}
        />
      ) : null}
    </section>
  );
}
