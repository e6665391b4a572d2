import type { ServiceDescription } from '@redmet/platform';

/** The service's OpenAPI title, shared by `main.ts` and the integration tests' app. */
export const REGISTRY_API: ServiceDescription = {
  title: 'Redmet deposit registry',
  description: 'Companies, deposits, licences, processing facilities and the catalogue of critical products.',
};
