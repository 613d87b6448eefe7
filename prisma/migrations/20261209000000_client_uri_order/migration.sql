-- AlterTable
ALTER TABLE "ClientUri" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

-- Backfill: the lists were shown sorted until now, so existing clients keep that order.
UPDATE "ClientUri" SET "position" = (
  SELECT COUNT(*) FROM "ClientUri" AS "earlier"
  WHERE "earlier"."clientId" = "ClientUri"."clientId" AND "earlier"."kind" = "ClientUri"."kind" AND "earlier"."uri" < "ClientUri"."uri"
);
