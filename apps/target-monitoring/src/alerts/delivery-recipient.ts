import type { Principal } from '@redmet/platform';

/**
 * A delivery's recipient as the caller may see it. Webhook URLs may carry the
 * receiver's token in their path or query, and e-mail addresses are other
 * staff's: only administrators, who manage both, see them whole; everyone
 * else sees where it went (the webhook's origin, the address's domain).
 */
export function shownRecipient(channel: 'email' | 'webhook', recipient: string, principal: Principal): string {
  if (principal.hasRole('admin')) return recipient;
  if (channel === 'email') return `…@${recipient.slice(recipient.lastIndexOf('@') + 1)}`;
  try {
    return new URL(recipient).origin;
  } catch {
    // class-validator's IsUrl, which admitted it, is laxer than WHATWG's parser in places.
    return '…';
  }
}
