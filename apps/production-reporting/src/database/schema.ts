import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaDefinition } from '@redmet/platform';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS } from '@redmet/registry-view';
import { DeadlineNotice } from '../deadlines/deadline-notice.entity';
import { ReportLine } from '../reports/report-line.entity';
import { ReportVersion } from '../reports/report-version.entity';
import { Report } from '../reports/report.entity';
import { CreateReports1764310100000 } from './migrations/1764310100000-create-reports';
import { CreateDeadlineNotices1764310200000 } from './migrations/1764310200000-create-deadline-notices';
import { RecordGeneratedColumns1764310300000 } from './migrations/1764310300000-record-generated-columns';

/**
 * Every table of `redmet_reporting`: listed here, created only by these
 * migrations. `accepted_site_month` is written and read in plain SQL only.
 */
export const REPORTING_SCHEMA: SchemaDefinition = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...MESSAGING_ENTITIES,
    ...REGISTRY_VIEW_ENTITIES,
    Report,
    ReportVersion,
    ReportLine,
    DeadlineNotice,
  ],
  migrations: [
    ...PLATFORM_MIGRATIONS,
    ...MESSAGING_MIGRATIONS,
    ...REGISTRY_VIEW_MIGRATIONS,
    CreateReports1764310100000,
    CreateDeadlineNotices1764310200000,
    RecordGeneratedColumns1764310300000,
  ],
};
