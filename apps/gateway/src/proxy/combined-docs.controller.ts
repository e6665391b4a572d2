import { Controller, Get, Header, Injectable, Logger } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { Public } from '@redmet/platform';
import { GatewayEnvironment } from '../gateway.environment';
import { type Upstream, upstreams } from './upstreams';

type Json = Record<string, unknown>;
interface OpenApiDocument {
  paths?: Record<string, Json>;
  components?: { schemas?: Record<string, unknown> };
  tags?: { name: string }[];
}

const FETCH_TIMEOUT_MS = 3000;

/** Swagger UI's files are already served beside the gateway's own docs; helmet's CSP forbids inline scripts. */
const SWAGGER_ASSETS = '/api/gateway/docs';
const COMBINED_UI_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Redmet API</title>
    <link rel="stylesheet" href="${SWAGGER_ASSETS}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${SWAGGER_ASSETS}/swagger-ui-bundle.js"></script>
    <script src="/api/docs/swagger-init.js"></script>
  </body>
</html>
`;
const COMBINED_UI_INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });
`;

/** The gateway's own API document, handed over by main.ts once Swagger has built it. */
@Injectable()
export class GatewayDocument {
  document?: OpenAPIObject;
}

/** Schema names are prefixed per service, so two services' `Page` never collide. */
function namespaced(document: OpenApiDocument, upstream: Upstream): OpenApiDocument {
  const prefix = `${upstream.prefix[0].toUpperCase()}${upstream.prefix.slice(1)}_`;
  const text = JSON.stringify(document).replace(
    /"#\/components\/schemas\/([^"]+)"/g,
    `"#/components/schemas/${prefix}$1"`,
  );
  const renamed = JSON.parse(text) as OpenApiDocument;
  const schemas = Object.fromEntries(
    Object.entries(renamed.components?.schemas ?? {}).map(([name, schema]) => [`${prefix}${name}`, schema]),
  );
  const paths = Object.fromEntries(
    Object.entries(renamed.paths ?? {}).map(([path, operations]) => [
      `/api/${upstream.prefix}${path}`,
      tagged(operations, upstream.title),
    ]),
  );
  return { paths, components: { schemas } };
}

function tagged(operations: Json, title: string): Json {
  return Object.fromEntries(
    Object.entries(operations).map(([method, operation]) => [
      method,
      {
        ...(operation as Json),
        tags: ((operation as Json).tags as string[] | undefined)?.map((tag) => `${title}: ${tag}`) ?? [title],
      },
    ]),
  );
}

/** One OpenAPI document for the whole API, assembled from the services that answer now. */
@ApiExcludeController()
@Public()
@Controller('api/docs')
export class CombinedDocsController {
  private readonly logger = new Logger(CombinedDocsController.name);

  constructor(
    private readonly environment: GatewayEnvironment,
    private readonly gateway: GatewayDocument,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return COMBINED_UI_PAGE;
  }

  @Get('swagger-init.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  pageScript(): string {
    return COMBINED_UI_INIT;
  }

  @Get('openapi.json')
  async combined(): Promise<Json> {
    const parts = await Promise.all(upstreams(this.environment).map((upstream) => this.fetchDocument(upstream)));
    const documents = [
      (this.gateway.document ?? {}) as OpenApiDocument,
      ...parts.filter((part): part is OpenApiDocument => part !== null),
    ];
    return {
      openapi: '3.0.0',
      info: {
        title: 'Redmet API',
        version: '1',
        description: 'Every service behind the gateway, at /api/<service>/...',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: Object.assign({}, ...documents.map((document) => document.components?.schemas ?? {})),
      },
      security: [{ bearer: [] }],
      paths: Object.assign({}, ...documents.map((document) => document.paths ?? {})),
    };
  }

  private async fetchDocument(upstream: Upstream): Promise<OpenApiDocument | null> {
    try {
      const response = await fetch(`${upstream.target}/docs/openapi.json`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return namespaced((await response.json()) as OpenApiDocument, upstream);
    } catch (error) {
      this.logger.warn({ err: error, service: upstream.prefix }, 'service API document unavailable; left out');
      return null;
    }
  }
}
