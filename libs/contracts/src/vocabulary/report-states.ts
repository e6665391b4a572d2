/** Where a version of an output report stands, from the producer's draft to its acceptance or rejection. */
export const REPORT_STATES = ['draft', 'submitted', 'pending', 'accepted', 'rejected'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
