import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@redmet/contracts';
import { CurrentPrincipal, type Principal } from '@redmet/platform';
import { AddProductDto, ProductQuery, UpdateProductDto } from './dto/product.dto';
import { ProductCodeParam } from './product-code.param';
import { Product } from './product.entity';
import { ProductsService } from './products.service';
import { ActingUser, PRODUCERS_SEE_NO_NAMES } from '../common/changed-by';
import { EditsRegistry } from '../common/edits-registry.decorator';
import { IfMatch, type VersionCondition, VERSION_TAG_HEADER, VersionTagInterceptor } from '../common/record-version';

@ApiTags('products')
@UseInterceptors(VersionTagInterceptor)
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @EditsRegistry()
  @Post()
  @ApiCreatedResponse({ type: Product, headers: VERSION_TAG_HEADER })
  add(@Body() dto: AddProductDto, @ActingUser() actor: Actor) {
    return this.products.add(dto, actor);
  }

  @Get()
  list(@Query() query: ProductQuery, @CurrentPrincipal() principal: Principal) {
    return this.products.list(query, principal);
  }

  @Get(':code')
  @ApiOkResponse({ type: Product, headers: VERSION_TAG_HEADER, description: PRODUCERS_SEE_NO_NAMES })
  get(@ProductCodeParam('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.products.get(code, principal);
  }

  @EditsRegistry()
  @Patch(':code')
  @ApiOkResponse({ type: Product, headers: VERSION_TAG_HEADER })
  update(
    @ProductCodeParam('code') code: string,
    @Body() dto: UpdateProductDto,
    @IfMatch() condition: VersionCondition,
    @ActingUser() actor: Actor,
  ) {
    return this.products.update(code, dto, actor, condition);
  }
}
