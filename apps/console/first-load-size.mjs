// The console's first load: the JavaScript and CSS index.html asks for before any screen is opened
// (its entry script, the modules it preloads, its stylesheets), gzipped as a server would send them.
// `node apps/console/first-load-size.mjs [dist/console]` prints it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ASSET = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="\/([^"]+\.(?:js|css))"/g;

export function firstLoadSize(distDir) {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(ASSET)].map((match) => match[1]);
  const sized = files.map((file) => {
    const content = fs.readFileSync(path.join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const sum = (kind, key) =>
    sized.filter(({ file }) => file.endsWith(kind)).reduce((total, entry) => total + entry[key], 0);
  return {
    files: sized,
    jsGzipBytes: sum('.js', 'gzipBytes'),
    cssGzipBytes: sum('.css', 'gzipBytes'),
    jsBytes: sum('.js', 'bytes'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? 'dist/console');
  const size = firstLoadSize(distDir);
  for (const { file, gzipBytes } of size.files)
    console.log(`${(gzipBytes / 1024).toFixed(1).padStart(8)} KiB gz  ${file}`);
  console.log(
    `first load: ${(size.jsGzipBytes / 1024).toFixed(1)} KiB of gzipped JavaScript, ${(size.cssGzipBytes / 1024).toFixed(1)} KiB of CSS`,
  );
}
