import { Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { GatewayEnvironment } from '../gateway.environment';
import { type Upstream, upstreams } from './upstreams';

type Json = Record<string, unknown>;
interface OpenApiDocument {
  paths?: Record<string, Json>;
  components?: { schemas?: Record<string, unknown> };
  tags?: { name: string }[];
}

/** A service that takes longer is left out of this build of the document. */
const FETCH_TIMEOUT_MS = 3000;
/**
 * The services' documents change only when one is deployed, so the combined
 * one may be a minute late; however often it is asked for, each service is
 * then asked at most once a minute.
 */
const FRESH_MS = 60_000;
/** A document without some service is built again sooner, so the service shows up soon after it is back. */
const INCOMPLETE_FRESH_MS = 10_000;

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

interface Build {
  document: Promise<{ document: Json; complete: boolean }>;
  /** Until the build ends, callers share it rather than start another. */
  freshUntil: number;
}

/**
 * One OpenAPI document for the whole API, assembled from the services that
 * answered when it was built, and kept a while: the route is public, and
 * without it every request would make four.
 */
@Injectable()
export class CombinedDocument {
  private readonly logger = new Logger(CombinedDocument.name);
  private build?: Build;

  constructor(
    private readonly environment: GatewayEnvironment,
    private readonly gateway: GatewayDocument,
  ) {}

  async current(): Promise<Json> {
    if (!this.build || this.build.freshUntil <= Date.now()) this.build = this.startBuild();
    return (await this.build.document).document;
  }

  private startBuild(): Build {
    const build: Build = { document: this.assemble(), freshUntil: Infinity };
    build.document.then(
      ({ complete }) => (build.freshUntil = Date.now() + (complete ? FRESH_MS : INCOMPLETE_FRESH_MS)),
      // Not kept: the next request builds again.
      () => (build.freshUntil = 0),
    );
    return build;
  }

  private async assemble(): Promise<{ document: Json; complete: boolean }> {
    const parts = await Promise.all(upstreams(this.environment).map((upstream) => this.fetchDocument(upstream)));
    const documents = [
      (this.gateway.document ?? {}) as OpenApiDocument,
      ...parts.filter((part): part is OpenApiDocument => part !== null),
    ];
    const document = {
      openapi: '3.0.0',
      info: {
        title: 'Redmet API',
        version: '1',
        description: 'Every service behind the gateway, at /api/<service>/...',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: Object.assign({}, ...documents.map((part) => part.components?.schemas ?? {})),
      },
      security: [{ bearer: [] }],
      paths: Object.assign({}, ...documents.map((part) => part.paths ?? {})),
    };
    return { document, complete: !parts.includes(null) };
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
