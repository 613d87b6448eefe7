/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "oidc-provider", "pg"],
  poweredByHeader: false,
  // The server logs every request itself, as JSON without query strings (lib/logging/log-requests.ts);
  // Next's own request lines (development only) would print query strings, codes and all.
  logging: { incomingRequests: false },
  // Type checking is its own step (`npm run typecheck`, the first step of `npm test`), so
  // a build never waits on it twice.
  typescript: { ignoreBuildErrors: true },
  // Lets parallel builds (e.g. several developers' test runs in one checkout) keep apart.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Every page's <title> and other metadata in the initial <head>, never streamed after the
  // body (Next.js streams it to browsers it does not list as "HTML-limited bots"): a page
  // without its title, even for a moment, is one screen readers and axe announce untitled.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
