import { Fragment, type ReactNode } from 'react';
import type { Alert } from '../api/monitoring';
import { useI18n } from '../i18n/i18n';
import { useProductMap } from '../registry/lookups';
import { chosen, type Titled, type Wording, type WordingContext } from './alert-details';
import { messageOf } from './alert-messages';
import { titleOf } from './alert-titles';
import { AlertSubject } from './AlertSubject';

function useWordingContext(): WordingContext {
  const { t, label, language, locale } = useI18n();
  const products = useProductMap();
  return { t, label, language, locale, productName: (code) => products.get(code)?.name };
}

/** A message whose `{name}` placeholders are filled with elements (names looked up in the registry). */
function Filled({ message, parts }: { message: string; parts: Record<string, ReactNode> }) {
  return (
    <>
      {message.split(/(\{\w+\})/).map((piece, index) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        return <Fragment key={index}>{name && name in parts ? parts[name] : piece}</Fragment>;
      })}
    </>
  );
}

function Said({ wording, alert }: { wording: Wording; alert: Titled }) {
  const { t } = useI18n();
  const subject = <AlertSubject subject={alert.subject} details={alert.details} />;
  return (
    <Filled
      message={t(wording.key, wording.params)}
      parts={wording.subjectAt ? { [wording.subjectAt]: subject } : {}}
    />
  );
}

/** An alert's title in the user's language (`alert-titles.ts`); the service's English where the console has none. */
export function AlertTitle({ alert }: { alert: Titled & Pick<Alert, 'title'> }) {
  const context = useWordingContext();
  const wording = chosen(titleOf(alert, context), context.language);
  return wording ? <Said wording={wording} alert={alert} /> : <span lang="en">{alert.title}</span>;
}

/** The line under an alert's title (`alert-messages.ts`); the service's English where the console has none. */
export function AlertMessage({ alert }: { alert: Titled & Pick<Alert, 'message'> }) {
  const context = useWordingContext();
  const wording = chosen(messageOf(alert, context), context.language);
  return wording ? <Said wording={wording} alert={alert} /> : <span lang="en">{alert.message}</span>;
}
