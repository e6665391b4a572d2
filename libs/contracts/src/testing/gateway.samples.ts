import { UserAccessChanged } from '../gateway';
import { sample } from './sample';

const analyst = '3f6b2c1e-8d4a-4e7f-9b0c-5a1d2e3f4a5b';

export const GATEWAY_SAMPLES = [
  sample(UserAccessChanged, analyst, {
    userId: analyst,
    roles: ['ministry_analyst'],
    companyId: null,
    disabled: false,
    version: 3,
  }),
];
