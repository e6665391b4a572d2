import type { ServiceDescription } from '@redmet/platform';

/** The service's OpenAPI title, shared by `main.ts`, the tests and the benchmark. */
export const SUBSIDY_API: ServiceDescription = {
  title: 'Redmet subsidy processing',
  description:
    "Producers' cost-compensation claims, officers' review with four eyes, payments, clawbacks and the programme budget.",
};
