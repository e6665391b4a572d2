/** Where a deposit stands in its development. */
export const DEPOSIT_STATUSES = ['exploration', 'development', 'producing'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const LICENCE_TYPES = ['exploration', 'production', 'combined'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

export const LICENCE_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** `closed` is for good: from its `statusSince` the plant makes nothing (a plant that restarts is registered again). */
export const FACILITY_STATUSES = ['planned', 'under_construction', 'commissioned', 'modernised', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/** A property of the metal, not of the plant: national output targets sum metal content per class. */
export const TONNAGE_CLASSES = ['large', 'small'] as const;
export type TonnageClass = (typeof TONNAGE_CLASSES)[number];

/** Units a quantity of product may be reported in. */
export const UNITS = ['t', 'kg'] as const;
export type Unit = (typeof UNITS)[number];
