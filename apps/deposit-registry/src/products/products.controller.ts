import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AddProductDto, ProductQuery, UpdateProductDto } from './dto/product.dto';
import { ProductCodeParam } from './product-code.param';
import { Product } from './product.entity';
import { ProductsService } from './products.service';
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
  add(@Body() dto: AddProductDto) {
    return this.products.add(dto);
  }

  @Get()
  list(@Query() query: ProductQuery) {
    return this.products.list(query);
  }

  @Get(':code')
  @ApiOkResponse({ type: Product, headers: VERSION_TAG_HEADER })
  get(@ProductCodeParam('code') code: string) {
    return this.products.get(code);
  }

  @EditsRegistry()
  @Patch(':code')
  @ApiOkResponse({ type: Product, headers: VERSION_TAG_HEADER })
  update(
    @ProductCodeParam('code') code: string,
    @Body() dto: UpdateProductDto,
    @IfMatch() condition: VersionCondition,
  ) {
    return this.products.update(code, dto, condition);
  }
}
