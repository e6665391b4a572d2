import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaDefinition } from '@redmet/platform';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS } from '@redmet/registry-view';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ClaimLine } from '../claims/claim-line.entity';
import { Claim } from '../claims/claim.entity';
import { ResultsReport } from '../clawback/results-report.entity';
import { ClaimComment } from '../comments/claim-comment.entity';
import { ClaimDocument } from '../documents/claim-document.entity';
import { ClawbackRefund } from '../payments/clawback-refund.entity';
import { ClawbackRepayment } from '../payments/clawback-repayment.entity';
import { ProgrammeVersion } from '../programmes/programme-version.entity';
import { Programme } from '../programmes/programme.entity';
import { ReportVersion } from '../reports/report-version.entity';
import { CreateProgrammes1764400100000 } from './migrations/1764400100000-create-programmes';
import { CreateReportVersions1764400200000 } from './migrations/1764400200000-create-report-versions';
import { CreateClaims1764400300000 } from './migrations/1764400300000-create-claims';
import { CreateDocumentsComments1764400400000 } from './migrations/1764400400000-create-documents-comments';
import { CreateAudit1764400500000 } from './migrations/1764400500000-create-audit';
import { CreateResultsReports1764400600000 } from './migrations/1764400600000-create-results-reports';
import { ApprovalChangesAndRepayments1764400700000 } from './migrations/1764400700000-approval-changes-and-repayments';
import { IndexClaimReports1764400800000 } from './migrations/1764400800000-index-claim-reports';
import { ResultsPlanAndCorrections1764400900000 } from './migrations/1764400900000-results-plan-and-corrections';
import { ReliedFiguresAsApproved1764401000000 } from './migrations/1764401000000-relied-figures-as-approved';
import { RecordGeneratedColumns1764401100000 } from './migrations/1764401100000-record-generated-columns';
import { ClawbackRefunds1764401500000 } from './migrations/1764401500000-clawback-refunds';
import { ClaimEditors1764401700000 } from './migrations/1764401700000-claim-editors';
import { ClaimEditorsFromDocumentsAndSubmissions1764401800000 } from './migrations/1764401800000-claim-editors-from-documents-and-submissions';
import { ClaimsNeedingAnotherOfficer1764401900000 } from './migrations/1764401900000-claims-needing-another-officer';
import { BudgetVersions1764402000000 } from './migrations/1764402000000-budget-versions';
import { ClaimFirstSubmission1764402100000 } from './migrations/1764402100000-claim-first-submission';

/** Every table of `redmet_subsidy`: listed here, created only by these migrations. */
export const SUBSIDY_SCHEMA: SchemaDefinition = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...MESSAGING_ENTITIES,
    ...REGISTRY_VIEW_ENTITIES,
    Programme,
    ProgrammeVersion,
    ReportVersion,
    Claim,
    ClaimLine,
    ClaimDocument,
    ClaimComment,
    AuditEntry,
    ResultsReport,
    ClawbackRepayment,
    ClawbackRefund,
  ],
  migrations: [
    ...PLATFORM_MIGRATIONS,
    ...MESSAGING_MIGRATIONS,
    ...REGISTRY_VIEW_MIGRATIONS,
    CreateProgrammes1764400100000,
    CreateReportVersions1764400200000,
    CreateClaims1764400300000,
    CreateDocumentsComments1764400400000,
    CreateAudit1764400500000,
    CreateResultsReports1764400600000,
    ApprovalChangesAndRepayments1764400700000,
    IndexClaimReports1764400800000,
    ResultsPlanAndCorrections1764400900000,
    ReliedFiguresAsApproved1764401000000,
    RecordGeneratedColumns1764401100000,
    ClawbackRefunds1764401500000,
    ClaimEditors1764401700000,
    ClaimEditorsFromDocumentsAndSubmissions1764401800000,
    ClaimsNeedingAnotherOfficer1764401900000,
    BudgetVersions1764402000000,
    ClaimFirstSubmission1764402100000,
  ],
};
