import type { Principal } from '@redmet/platform';

type Channel = 'email' | 'webhook';

/**
 * A delivery's recipient as the caller may see it. Webhook URLs may carry the
 * receiver's token in their path or query, and e-mail addresses are other
 * staff's: only administrators, who manage both, see them whole; everyone
 * else sees where it went (the webhook's origin, the address's domain).
 */
export function shownRecipient(channel: Channel, recipient: string, principal: Principal): string {
  if (principal.hasRole('admin')) return recipient;
  if (channel === 'email') return `…@${recipient.slice(recipient.lastIndexOf('@') + 1)}`;
  try {
    return new URL(recipient).origin;
  } catch {
    // class-validator's IsUrl, which admitted it, is laxer than WHATWG's parser in places.
    return '…';
  }
}

/** What shownDelivery masks of a delivery row. */
export interface DeliveryShown {
  channel: Channel;
  recipient: string;
  lastError: string | null;
  log: { detail: string }[];
}

/**
 * A delivery as the caller may see it: its recipient as shownRecipient shows
 * it, wherever it stands. The errors name it too: fetch quotes the URL it
 * refused, and a mail server's refusal the address it refused.
 */
export function shownDelivery<D extends DeliveryShown>(delivery: D, principal: Principal): D {
  if (principal.hasRole('admin')) return delivery;
  const shown = shownRecipient(delivery.channel, delivery.recipient, principal);
  // A mail server may echo the address in other case, and fetch quotes the URL as parsed (a host in lower case).
  const written = new RegExp(spellings(delivery).map(escapedForRegExp).join('|'), 'gi');
  const masked = (text: string) => text.replace(written, shown);
  return {
    ...delivery,
    recipient: shown,
    lastError: delivery.lastError && masked(delivery.lastError),
    log: delivery.log.map((entry) => ({ ...entry, detail: masked(entry.detail) })),
  };
}

/** The ways an error may write the recipient, longest first, so that none is left half masked. */
function spellings({ channel, recipient }: Pick<DeliveryShown, 'channel' | 'recipient'>): string[] {
  const forms = new Set([recipient]);
  if (channel === 'webhook' && URL.canParse(recipient)) forms.add(new URL(recipient).href);
  return [...forms].sort((a, b) => b.length - a.length);
}

function escapedForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
