/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "oidc-provider", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
