import { api } from './http';

export interface Officer {
  userId: string;
  name: string | null;
}

/** The gateway's accounts, as far as officers may see them (`/api/directory`). */
export const directory = {
  /** Enabled subsidy officers, to hand a claim on to. */
  officers: () => api<{ items: Officer[] }>('/api/directory/officers'),
};
