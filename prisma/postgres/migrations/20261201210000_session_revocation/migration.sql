-- AlterTable
ALTER TABLE "OidcRecord" ADD COLUMN "accountId" TEXT;

-- Backfill: the records written before this column existed name their person in the payload.
UPDATE "OidcRecord" SET "accountId" = ("payload"::jsonb ->> 'accountId');

-- CreateIndex
CREATE INDEX "OidcRecord_accountId_idx" ON "OidcRecord"("accountId");

-- CreateIndex
CREATE INDEX "PortalSession_expiresAt_idx" ON "PortalSession"("expiresAt");
