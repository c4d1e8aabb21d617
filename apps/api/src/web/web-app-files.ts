import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the built web app (Vite's output, `npm run build:web`) lies: the
 * LAUREL_WEB_DIR setting, else dist/web of the checkout, found from this
 * file both when it runs from source (tests) and from dist/ (`make up`).
 */
export function webAppDirectory(configured: string | undefined): string {
  if (configured) return resolve(configured);
  const checkoutOrDist = resolve(__dirname, '..', '..', '..', '..');
  const candidates = [join(checkoutOrDist, 'dist', 'web'), join(checkoutOrDist, 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * Headers of every file of the web app. The policy allows only Laurel's own
 * origin; styles may be inline because Ant Design writes its CSS at run time.
 * Frames are refused, so the app cannot be overlaid by another site.
 */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};
