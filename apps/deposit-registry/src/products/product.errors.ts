import { ConflictError, NotFoundError } from '@redmet/platform';

export function productNotFound(code: string): NotFoundError {
  return new NotFoundError('PRODUCT.NOT_FOUND', `No product with code ${code}`);
}

/** Names every unknown code at once, so a client fixes them in one go. */
export function unknownProducts(codes: string[], field: string): NotFoundError {
  return new NotFoundError('PRODUCT.NOT_FOUND', `Unknown product codes: ${codes.join(', ')}`, field);
}

export function productCodeTaken(code: string): ConflictError {
  return new ConflictError('PRODUCT.CODE_TAKEN', `A product with code ${code} is already in the catalogue`, 'code');
}
