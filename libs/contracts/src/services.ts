/** The services that own data and publish events; an event's `source` is one of them. */
export const SERVICES = [
  'deposit-registry',
  'production-reporting',
  'subsidy-processing',
  'target-monitoring',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];
