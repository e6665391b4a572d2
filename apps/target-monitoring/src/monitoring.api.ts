import type { ServiceDescription } from '@redmet/platform';

/** The service's OpenAPI title, shared by `main.ts` and the integration tests' app. */
export const MONITORING_API: ServiceDescription = {
  title: 'Redmet target monitoring',
  description:
    'National targets of the rare-metals programme tracked from events: output, import dependence, new plants, ' +
    'critical products, subsidy effectiveness; alerts to ministry staff (SSE, e-mail, webhooks).',
};
