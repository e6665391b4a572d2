import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';

/** Paths that belong to the API and the operators, never to the single-page app. */
const NOT_CONSOLE = /^\/(api|\.well-known|health|metrics|docs)(\/|$)/;
const PAGE_REQUEST = /(^|[\s,])text\/html\b/i;

/**
 * The console's built files at `/`, and its index.html for any other page
 * address so that links into the app (e.g. /reports/42) work on reload. A
 * page address is asked for as HTML by name; a script or an image accepts
 * anything (`*\/*`), and one that is missing (a chunk of an earlier build)
 * must be a 404, not the page in its place.
 */
export function serveConsole(app: NestExpressApplication, directory: string): boolean {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const files = serveStatic(root, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || NOT_CONSOLE.test(req.path)) return next();
    files(req, res, () => {
      if (!PAGE_REQUEST.test(req.get('accept') ?? '')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
