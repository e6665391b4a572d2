import type { AlertSeverity } from '@redmet/contracts';

/** A condition a rule found true for one subject: what the alert will say. */
export interface Finding {
  title: string;
  message: string;
  /** Overrides the rule's configured severity (e.g. a target off track is worse than at risk). */
  severity?: AlertSeverity;
  details?: Record<string, unknown>;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The contract's limits, so a long product list never makes an event invalid. */
export function fitted(finding: Finding): Finding {
  return { ...finding, title: clip(finding.title, 300), message: clip(finding.message, 4000) };
}
