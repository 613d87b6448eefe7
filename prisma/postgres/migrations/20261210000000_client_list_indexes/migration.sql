-- The clients list at 100,000 clients (issue 11). A page's clients, secret aggregates and
-- key use are read by (tenantId, id or clientId), and the default order's index also holds the
-- searched columns.

-- DropIndex
DROP INDEX "Client_tenantId_createdAt_idx";

-- DropIndex
DROP INDEX "ClientSecret_tenantId_idx";

-- DropIndex
DROP INDEX "ClientKey_tenantId_idx";

-- CreateIndex
CREATE INDEX "Client_tenantId_createdAt_nameSearch_clientId_idx" ON "Client"("tenantId", "createdAt", "nameSearch", "clientId");

-- CreateIndex
CREATE INDEX "Client_tenantId_id_idx" ON "Client"("tenantId", "id");

-- CreateIndex
CREATE INDEX "ClientSecret_tenantId_clientId_expiresAt_idx" ON "ClientSecret"("tenantId", "clientId", "expiresAt");

-- CreateIndex
CREATE INDEX "ClientKey_tenantId_clientId_idx" ON "ClientKey"("tenantId", "clientId");


-- Not in schema.prisma (it is shared with SQLite, which has neither): the search's
-- substring match (LIKE '%term%') on trigram indexes instead of reading every client, and
-- the name sort's byte order (COLLATE "C", find-client-page-ids.ts) as an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Client_nameSearch_trgm_idx" ON "Client" USING GIN ("nameSearch" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Client_clientId_trgm_idx" ON "Client" USING GIN ("clientId" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Client_tenantId_nameSearch_bytes_idx" ON "Client"("tenantId", "nameSearch" COLLATE "C");
