-- CreateTable
CREATE TABLE "ClientKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "jwk" TEXT NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "lastUsedAt" DATETIME,
    CONSTRAINT "ClientKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClientKey_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "alg" TEXT NOT NULL,
    "jwk" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatesAt" DATETIME NOT NULL,
    "retiresAt" DATETIME
);

-- CreateTable
CREATE TABLE "OidcRecord" (
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "grantId" TEXT,
    "uid" TEXT,
    "expiresAt" DATETIME,
    "consumedAt" DATETIME,

    PRIMARY KEY ("model", "id")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "maxSecretLifetimeDays" INTEGER,
    "allowNeverExpiringSecrets" BOOLEAN NOT NULL DEFAULT true,
    "clientNamePolicy" TEXT,
    "configVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Tenant" ("allowNeverExpiringSecrets", "clientNamePolicy", "createdAt", "id", "maxSecretLifetimeDays", "name", "slug") SELECT "allowNeverExpiringSecrets", "clientNamePolicy", "createdAt", "id", "maxSecretLifetimeDays", "name", "slug" FROM "Tenant";
DROP TABLE "Tenant";
ALTER TABLE "new_Tenant" RENAME TO "Tenant";
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");
CREATE TABLE "new_Client" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tokenLifetime" INTEGER NOT NULL DEFAULT 3600,
    "allowRefreshToken" BOOLEAN NOT NULL DEFAULT false,
    "securityType" TEXT NOT NULL DEFAULT 'client-secret',
    "tokenSigningAlg" TEXT NOT NULL DEFAULT 'ES256',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    CONSTRAINT "Client_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Client_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Client" ("allowRefreshToken", "clientId", "createdAt", "createdById", "createdByLabel", "description", "environmentId", "id", "name", "nameSearch", "tenantId", "tokenLifetime", "type", "updatedAt") SELECT "allowRefreshToken", "clientId", "createdAt", "createdById", "createdByLabel", "description", "environmentId", "id", "name", "nameSearch", "tenantId", "tokenLifetime", "type", "updatedAt" FROM "Client";
DROP TABLE "Client";
ALTER TABLE "new_Client" RENAME TO "Client";
CREATE UNIQUE INDEX "Client_clientId_key" ON "Client"("clientId");
CREATE INDEX "Client_tenantId_createdAt_idx" ON "Client"("tenantId", "createdAt");
CREATE INDEX "Client_tenantId_type_createdAt_idx" ON "Client"("tenantId", "type", "createdAt");
CREATE INDEX "Client_tenantId_environmentId_createdAt_idx" ON "Client"("tenantId", "environmentId", "createdAt");
CREATE INDEX "Client_tenantId_nameSearch_idx" ON "Client"("tenantId", "nameSearch");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ClientKey_tenantId_idx" ON "ClientKey"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientKey_clientId_kid_key" ON "ClientKey"("clientId", "kid");

-- CreateIndex
CREATE UNIQUE INDEX "ClientKey_clientId_thumbprint_key" ON "ClientKey"("clientId", "thumbprint");

-- CreateIndex
CREATE INDEX "OidcRecord_grantId_idx" ON "OidcRecord"("grantId");

-- CreateIndex
CREATE INDEX "OidcRecord_uid_idx" ON "OidcRecord"("uid");

-- CreateIndex
CREATE INDEX "OidcRecord_expiresAt_idx" ON "OidcRecord"("expiresAt");

