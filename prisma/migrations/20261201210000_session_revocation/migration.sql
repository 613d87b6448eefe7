-- AlterTable
ALTER TABLE "OidcRecord" ADD COLUMN "accountId" TEXT;

-- Backfill: the records written before this column existed name their person in the payload.
UPDATE "OidcRecord" SET "accountId" = json_extract("payload", '$.accountId') WHERE json_valid("payload");

-- CreateIndex
CREATE INDEX "OidcRecord_accountId_idx" ON "OidcRecord"("accountId");

-- CreateIndex
CREATE INDEX "PortalSession_expiresAt_idx" ON "PortalSession"("expiresAt");
