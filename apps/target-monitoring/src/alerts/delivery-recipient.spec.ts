import { Principal } from '@redmet/platform';
import { shownDelivery, shownRecipient } from './delivery-recipient';

describe('shownRecipient', () => {
  const admin = new Principal('u-admin', ['admin'], null);
  const analyst = new Principal('u-analyst', ['ministry_analyst'], null);
  // The receiver's token in the path and query; credentials in the URL are refused at registration.
  const hook = 'https://hooks.example:8443/services/T000/B000/XXXXSECRET?token=abc';

  it('shows administrators the recipient whole', () => {
    expect(shownRecipient('webhook', hook, admin)).toBe(hook);
    expect(shownRecipient('email', 'm.orlova@minpromtorg.example', admin)).toBe('m.orlova@minpromtorg.example');
  });

  it('shows everyone else only the webhook origin and the address domain', () => {
    expect(shownRecipient('webhook', hook, analyst)).toBe('https://hooks.example:8443');
    expect(shownRecipient('email', 'm.orlova@minpromtorg.example', analyst)).toBe('…@minpromtorg.example');
  });
});

describe('shownDelivery', () => {
  const admin = new Principal('u-admin', ['admin'], null);
  const analyst = new Principal('u-analyst', ['ministry_analyst'], null);
  const refusal = (address: string) =>
    `the mail server refused the recipient: Can't send mail - all recipients were rejected: 550 5.1.1 <${address}>: Recipient address rejected`;
  const email = {
    id: 'd-1',
    channel: 'email' as const,
    recipient: 'm.orlova@minpromtorg.example',
    lastError: refusal('M.Orlova@minpromtorg.example'),
    log: [{ attempt: 1, detail: refusal('m.orlova@minpromtorg.example') }],
  };
  // Registered before such URLs were refused: fetch quotes it whole, as it parsed it (the host in lower case).
  const hook = 'https://user:pw@Hooks.example/hook?token=abc';
  const webhook = {
    id: 'd-2',
    channel: 'webhook' as const,
    recipient: hook,
    lastError: null,
    log: [
      {
        attempt: 1,
        detail: 'Request cannot be constructed from a URL that includes credentials: ' + new URL(hook).href,
      },
    ],
  };

  it('shows administrators the errors as they were', () => {
    expect(shownDelivery(email, admin)).toEqual(email);
    expect(shownDelivery(webhook, admin)).toEqual(webhook);
  });

  it('shows everyone else the recipient in the errors as it shows the recipient', () => {
    expect(shownDelivery(email, analyst)).toEqual({
      ...email,
      recipient: '…@minpromtorg.example',
      lastError: refusal('…@minpromtorg.example'),
      log: [{ attempt: 1, detail: refusal('…@minpromtorg.example') }],
    });
    expect(shownDelivery(webhook, analyst)).toEqual({
      ...webhook,
      recipient: 'https://hooks.example',
      log: [
        {
          attempt: 1,
          detail: 'Request cannot be constructed from a URL that includes credentials: https://hooks.example',
        },
      ],
    });
  });
});
