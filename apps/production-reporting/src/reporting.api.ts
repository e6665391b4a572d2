import type { ServiceDescription } from '@redmet/platform';

/** The service's OpenAPI title, shared by `main.ts` and the integration tests' app. */
export const REPORTING_API: ServiceDescription = {
  title: 'Redmet production reporting',
  description:
    "Producers' periodic output reports: drafts, signed submissions with receipts, amendments, CSV bulk upload, automatic acceptance against the registry, and reporting deadlines.",
};
