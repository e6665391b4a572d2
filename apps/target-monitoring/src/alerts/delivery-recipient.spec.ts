import { Principal } from '@redmet/platform';
import { shownRecipient } from './delivery-recipient';

describe('shownRecipient', () => {
  const admin = new Principal('u-admin', ['admin'], null);
  const analyst = new Principal('u-analyst', ['ministry_analyst'], null);
  const hook = 'https://user:pw@hooks.example:8443/services/T000/B000/XXXXSECRET?token=abc';

  it('shows administrators the recipient whole', () => {
    expect(shownRecipient('webhook', hook, admin)).toBe(hook);
    expect(shownRecipient('email', 'm.orlova@minpromtorg.example', admin)).toBe('m.orlova@minpromtorg.example');
  });

  it('shows everyone else only the webhook origin and the address domain', () => {
    expect(shownRecipient('webhook', hook, analyst)).toBe('https://hooks.example:8443');
    expect(shownRecipient('email', 'm.orlova@minpromtorg.example', analyst)).toBe('…@minpromtorg.example');
  });
});
