import { Injectable } from '@nestjs/common';
import { ArrayContains, DataSource, type EntityManager, In, Like } from 'typeorm';
import { type Actor, ProductAdded, ProductUpdated } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { orConflict, Page, type Principal } from '@redmet/platform';
import { type AuthoredView, authorsAsSeenBy } from '../common/changed-by';
import { escapeLike } from '../common/filters';
import { findForUpdate } from '../common/lookups';
import { applyChange } from '../common/present-fields';
import type { VersionCondition } from '../common/record-version';
import type { AddProductDto, ProductQuery, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { productCodeTaken, productNotFound, unknownProducts } from './product.errors';

@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  add(dto: AddProductDto, actor: Actor): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Product, { code: dto.code })) throw productCodeTaken(dto.code);
      const product = manager.create(Product, { ...dto, version: 1, createdBy: actor, updatedBy: actor });
      await orConflict(manager.insert(Product, product), 'product_pkey', () => productCodeTaken(dto.code));
      await this.outbox.add(manager, ProductAdded, product.code, product.toSnapshot());
      return product;
    });
  }

  update(code: string, dto: UpdateProductDto, actor: Actor, condition?: VersionCondition): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const product = await findForUpdate(manager, Product, { code }, () => productNotFound(code), condition);
      if (!applyChange(product, dto, actor)) return product;
      await manager.save(product);
      await this.outbox.add(manager, ProductUpdated, product.code, product.toSnapshot());
      return product;
    });
  }

  async get(code: string, principal: Principal): Promise<AuthoredView<Product>> {
    const product = await this.dataSource.manager.findOneBy(Product, { code });
    if (!product) throw productNotFound(code);
    return authorsAsSeenBy(principal, product, null);
  }

  async list(query: ProductQuery, principal: Principal): Promise<Page<AuthoredView<Product>>> {
    const [items, total] = await this.dataSource.manager.findAndCount(Product, {
      where: {
        ...(query.element ? { elements: ArrayContains([query.element]) } : {}),
        ...(query.tonnageClass ? { tonnageClass: query.tonnageClass } : {}),
        ...(query.hsCode ? { hsCode: Like(`${escapeLike(query.hsCode)}%`) } : {}),
      },
      order: { code: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(
      items.map((product) => authorsAsSeenBy(principal, product, null)),
      total,
      query,
    );
  }
}

/** For records that list products (facilities): every code must be in the catalogue. */
export async function assertProductsExist(manager: EntityManager, codes: string[], field: string): Promise<void> {
  if (codes.length === 0) return;
  const found = await manager.findBy(Product, { code: In(codes) });
  const known = new Set(found.map((product) => product.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) throw unknownProducts(unknown, field);
}
