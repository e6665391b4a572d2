import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import type { ServiceDescription } from '@redmet/platform';
import { MonitoringEnvironment } from './monitoring.environment';

/** The service's OpenAPI title, shared by `main.ts` and the integration tests' app. */
export const MONITORING_API: ServiceDescription = {
  title: 'Redmet target monitoring',
  description:
    'National targets of the rare-metals programme tracked from events: output, import dependence, new plants, ' +
    'critical products, subsidy effectiveness; alerts to ministry staff (SSE, e-mail, webhooks).',
  // Customs figures come as JSON as well as CSV, as many rows either way: the general body limit would stop a
  // JSON upload at a few thousand. A body parsed here is not parsed again.
  beforeBodyParsing: (app: NestExpressApplication) =>
    app.use('/trade-statistics', json({ limit: app.get(MonitoringEnvironment).TRADE_UPLOAD_MAX_BYTES })),
};
