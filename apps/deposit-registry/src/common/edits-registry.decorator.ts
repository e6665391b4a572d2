import { Roles } from '@redmet/platform';

/** Everyone signed in reads the registry; only its administrators change it. */
export const EditsRegistry = (): MethodDecorator => Roles('registry_admin', 'admin');
