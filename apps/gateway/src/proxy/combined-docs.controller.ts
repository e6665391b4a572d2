import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@redmet/platform';
import { CombinedDocument } from './combined-document';

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

/**
 * Public, as every service's own document is (each is also reachable through
 * its proxy, `/api/<service>/docs/openapi.json`): it says what the API is,
 * nothing of the data behind it. Swagger UI fetches it without a token.
 */
@ApiExcludeController()
@Public()
@Controller('api/docs')
export class CombinedDocsController {
  constructor(private readonly combinedDocument: CombinedDocument) {}

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
  combined(): Promise<Record<string, unknown>> {
    return this.combinedDocument.current();
  }
}
