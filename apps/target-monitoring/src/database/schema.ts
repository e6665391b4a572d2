import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaDefinition } from '@redmet/platform';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS } from '@redmet/registry-view';
import { CreateReportProjections1764400100000 } from './migrations/1764400100000-create-report-projections';
import { CreateSubsidyAndDeadlines1764400200000 } from './migrations/1764400200000-create-subsidy-and-deadlines';
import { CreateTradeStatistics1764400300000 } from './migrations/1764400300000-create-trade-statistics';
import { CreateConfiguration1764400400000 } from './migrations/1764400400000-create-configuration';
import { CreateAlerts1764400500000 } from './migrations/1764400500000-create-alerts';
import { CreateOutputKnown1764400600000 } from './migrations/1764400600000-create-output-known';
import { CountOutputLines1764400700000 } from './migrations/1764400700000-count-output-lines';
import { IndexPendingDeliveriesByRecipient1764400900000 } from './migrations/1764400900000-index-pending-deliveries-by-recipient';
import { MissedDeadlineMonths1764401000000 } from './migrations/1764401000000-missed-deadline-months';
import { AlertAnnouncedAt1764401100000 } from './migrations/1764401100000-alert-announced-at';
import { ClaimClawbackVersion1764401200000 } from './migrations/1764401200000-claim-clawback-version';
import { DeliveryDestinations1764401300000 } from './migrations/1764401300000-delivery-destinations';
import { OutputCompanyKnown1764401400000 } from './migrations/1764401400000-output-company-known';
import { ProductClass1764401500000 } from './migrations/1764401500000-product-class';
import { ClaimClawbackRefunds1764401600000 } from './migrations/1764401600000-claim-clawback-refunds';
import { TimeZoneDays1764401700000 } from './migrations/1764401700000-time-zone-days';
import { BudgetVersions1764401800000 } from './migrations/1764401800000-budget-versions';
import { WebhookSecrets1764401900000 } from './migrations/1764401900000-webhook-secrets';
import { SilenceEndedBy1764402600000 } from './migrations/1764402600000-silence-ended-by';
import { UserAccess1764402800000 } from './migrations/1764402800000-user-access';
import { LicenceExpiringRule1764403000000 } from './migrations/1764403000000-licence-expiring-rule';
import { AlertUntoldRise1764403300000 } from './migrations/1764403300000-alert-untold-rise';
import { FacilityVersions1764403400000 } from './migrations/1764403400000-facility-versions';
import { SubsidyHistory1764403500000 } from './migrations/1764403500000-subsidy-history';
import { BudgetArrival1764403600000 } from './migrations/1764403600000-budget-arrival';
import { ProductVersions1764403700000 } from './migrations/1764403700000-product-versions';
import { ClaimVersionReports1764403800000 } from './migrations/1764403800000-claim-version-reports';
import { NameVersions1764404000000 } from './migrations/1764404000000-name-versions';
import { FacilityRestarts1764404100000 } from './migrations/1764404100000-facility-restarts';

/**
 * Every table of `redmet_monitoring`, created only by these migrations. The
 * service's own tables are read models and logs queried with SQL (set-based
 * projection updates, aggregates), so they have no TypeORM entities.
 */
export const MONITORING_SCHEMA: SchemaDefinition = {
  entities: [...PLATFORM_ENTITIES, ...MESSAGING_ENTITIES, ...REGISTRY_VIEW_ENTITIES],
  migrations: [
    ...PLATFORM_MIGRATIONS,
    ...MESSAGING_MIGRATIONS,
    ...REGISTRY_VIEW_MIGRATIONS,
    CreateReportProjections1764400100000,
    CreateSubsidyAndDeadlines1764400200000,
    CreateTradeStatistics1764400300000,
    CreateConfiguration1764400400000,
    CreateAlerts1764400500000,
    CreateOutputKnown1764400600000,
    CountOutputLines1764400700000,
    IndexPendingDeliveriesByRecipient1764400900000,
    MissedDeadlineMonths1764401000000,
    AlertAnnouncedAt1764401100000,
    ClaimClawbackVersion1764401200000,
    DeliveryDestinations1764401300000,
    OutputCompanyKnown1764401400000,
    ProductClass1764401500000,
    ClaimClawbackRefunds1764401600000,
    TimeZoneDays1764401700000,
    BudgetVersions1764401800000,
    WebhookSecrets1764401900000,
    SilenceEndedBy1764402600000,
    UserAccess1764402800000,
    LicenceExpiringRule1764403000000,
    AlertUntoldRise1764403300000,
    FacilityVersions1764403400000,
    SubsidyHistory1764403500000,
    BudgetArrival1764403600000,
    ProductVersions1764403700000,
    ClaimVersionReports1764403800000,
    NameVersions1764404000000,
    FacilityRestarts1764404100000,
  ],
};
