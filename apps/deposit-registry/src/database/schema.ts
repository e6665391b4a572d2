import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaDefinition } from '@redmet/platform';
import { Company } from '../companies/company.entity';
import { Deposit } from '../deposits/deposit.entity';
import { FacilityStatusChange } from '../facilities/facility-status-change.entity';
import { Facility } from '../facilities/facility.entity';
import { LicenceExpiryNotice } from '../licences/licence-expiry-notice.entity';
import { LicenceStatusChange } from '../licences/licence-status-change.entity';
import { Licence } from '../licences/licence.entity';
import { Product } from '../products/product.entity';
import { CreateCompanies1764300100000 } from './migrations/1764300100000-create-companies';
import { CreateDeposits1764300200000 } from './migrations/1764300200000-create-deposits';
import { CreateProducts1764300300000 } from './migrations/1764300300000-create-products';
import { CreateLicences1764300400000 } from './migrations/1764300400000-create-licences';
import { CreateFacilities1764300500000 } from './migrations/1764300500000-create-facilities';
import { DepositAndFacilityNames1764402300000 } from './migrations/1764402300000-deposit-and-facility-names';
import { FacilityOperators1764402400000 } from './migrations/1764402400000-facility-operators';
import { FacilityClosure1764402900000 } from './migrations/1764402900000-facility-closure';
import { ChangeAuthors1764403200000 } from './migrations/1764403200000-change-authors';
import { FacilityRestarts1764404200000 } from './migrations/1764404200000-facility-restarts';

/** Every table of `redmet_registry`: listed here, created only by these migrations. */
export const REGISTRY_SCHEMA: SchemaDefinition = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...MESSAGING_ENTITIES,
    Company,
    Deposit,
    Product,
    Licence,
    LicenceStatusChange,
    LicenceExpiryNotice,
    Facility,
    FacilityStatusChange,
  ],
  migrations: [
    ...PLATFORM_MIGRATIONS,
    ...MESSAGING_MIGRATIONS,
    CreateCompanies1764300100000,
    CreateDeposits1764300200000,
    CreateProducts1764300300000,
    CreateLicences1764300400000,
    CreateFacilities1764300500000,
    DepositAndFacilityNames1764402300000,
    FacilityOperators1764402400000,
    FacilityClosure1764402900000,
    ChangeAuthors1764403200000,
    FacilityRestarts1764404200000,
  ],
};
