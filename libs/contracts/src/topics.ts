import type { ServiceName } from './services';

export interface TopicDefinition {
  /** `<domain>.<aggregate>.v<major>`: a breaking change gets a new major, consumed side by side. */
  name: string;
  owner: ServiceName;
  aggregateType: string;
  /** Events of one aggregate share a key, so more partitions only add parallelism across aggregates. */
  partitions: number;
  description: string;
}

function topic(definition: TopicDefinition): TopicDefinition {
  return definition;
}

export const TOPICS = {
  registryCompany: topic({
    name: 'registry.company.v1',
    owner: 'deposit-registry',
    aggregateType: 'Company',
    partitions: 6,
    description: 'Companies (producers, licence holders, plant operators) registered and changed.',
  }),
  registryDeposit: topic({
    name: 'registry.deposit.v1',
    owner: 'deposit-registry',
    aggregateType: 'Deposit',
    partitions: 6,
    description: 'Deposits of rare and rare-earth metals registered and changed.',
  }),
  registryLicence: topic({
    name: 'registry.licence.v1',
    owner: 'deposit-registry',
    aggregateType: 'Licence',
    partitions: 6,
    description: 'Subsoil-use licences: issued, changed, suspended, reinstated, revoked, expiring and expired.',
  }),
  registryFacility: topic({
    name: 'registry.facility.v1',
    owner: 'deposit-registry',
    aggregateType: 'Facility',
    partitions: 6,
    description:
      'Processing facilities (plants) and their lifecycle: planned to commissioned and modernised, or closed.',
  }),
  registryProduct: topic({
    name: 'registry.product.v1',
    owner: 'deposit-registry',
    aggregateType: 'Product',
    partitions: 3,
    description: 'The catalogue of critical products: code, elements, tonnage class, HS code.',
  }),
  reportingReport: topic({
    name: 'reporting.report.v1',
    owner: 'production-reporting',
    aggregateType: 'Report',
    partitions: 12,
    description:
      "Producers' output reports: each version submitted, accepted or rejected, and amendments. The latest accepted version of a report replaces every earlier one.",
  }),
  reportingDeadline: topic({
    name: 'reporting.deadline.v1',
    owner: 'production-reporting',
    aggregateType: 'ReportingObligation',
    partitions: 6,
    description: 'Reporting deadlines: reminders before a report is due and missed deadlines, each once.',
  }),
  subsidyClaim: topic({
    name: 'subsidy.claim.v1',
    owner: 'subsidy-processing',
    aggregateType: 'Claim',
    partitions: 6,
    description: 'Subsidy claims through review, decision, payment and clawback.',
  }),
  subsidyBudget: topic({
    name: 'subsidy.budget.v1',
    owner: 'subsidy-processing',
    aggregateType: 'Programme',
    partitions: 3,
    description:
      "Money reserved from and released back to a programme year's budget, and changes of its total, each with its utilisation.",
  }),
  monitoringAlert: topic({
    name: 'monitoring.alert.v1',
    owner: 'target-monitoring',
    aggregateType: 'Alert',
    partitions: 3,
    description: 'Alerts to ministry staff: raised, worsened, acknowledged, escalated and resolved.',
  }),
  gatewayUser: topic({
    name: 'gateway.user.v1',
    owner: 'gateway',
    aggregateType: 'User',
    partitions: 3,
    description: "User accounts' access: created, roles changed, disabled and enabled.",
  }),
} as const;

export type TopicKey = keyof typeof TOPICS;

export const ALL_TOPICS: readonly TopicDefinition[] = Object.values(TOPICS);

/** Where a consumer parks a message it cannot apply; one dead-letter topic per source topic. */
export function deadLetterTopicName(topicName: string): string {
  return `${topicName}.dlq`;
}
