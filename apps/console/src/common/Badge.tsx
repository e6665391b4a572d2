import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** The tone each API state is shown in, whatever service it comes from. */
const TONES: Record<string, Tone> = {
  accepted: 'success',
  approved: 'success',
  paid: 'success',
  active: 'success',
  producing: 'success',
  commissioned: 'success',
  modernised: 'success',
  resolved: 'success',
  delivered: 'success',
  on_track: 'success',
  pending: 'info',
  submitted: 'info',
  under_review: 'info',
  payment_scheduled: 'info',
  acknowledged: 'info',
  info: 'info',
  returned: 'warning',
  suspended: 'warning',
  at_risk: 'warning',
  warning: 'warning',
  under_clawback: 'warning',
  rejected: 'danger',
  failed: 'danger',
  revoked: 'danger',
  expired: 'danger',
  off_track: 'danger',
  critical: 'danger',
  open: 'danger',
  // A plant closed for good: over, neither success nor fault. Grey, as any state not listed, but said outright.
  closed: 'neutral',
};

export function toneOf(state: string): Tone {
  return TONES[state] ?? 'neutral';
}
