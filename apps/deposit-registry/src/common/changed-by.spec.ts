import { describe, expect, it } from '@jest/globals';
import { DEMO_DATA_LOADER, LICENCE_EXPIRY, REGISTRY_STAFF, shownTo } from './changed-by';

describe('who changed a record, as a reader is shown it', () => {
  const person = { userId: 'u-7', name: 'I. Orlova' };

  it('names everyone to those named to, and keeps "not recorded" as null', () => {
    expect(shownTo(person, true)).toBe(person);
    expect(shownTo(null, false)).toBeNull();
  });

  it('names the registry itself to everyone, a person to others only as registry staff', () => {
    expect(shownTo(LICENCE_EXPIRY, false)).toBe(LICENCE_EXPIRY);
    expect(shownTo(DEMO_DATA_LOADER, false)).toBe(DEMO_DATA_LOADER);
    expect(shownTo(person, false)).toBe(REGISTRY_STAFF);
  });

  it('does not take a person signed in as "system" for the registry', () => {
    expect(shownTo({ userId: 'system', name: 'I. Orlova' }, false)).toBe(REGISTRY_STAFF);
  });
});
