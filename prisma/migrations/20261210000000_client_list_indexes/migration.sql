-- The clients list at 100,000 clients (issue 11). A page's clients, secret aggregates and
-- key use are read by (tenantId, id or clientId): with only a tenantId index SQLite chose
-- it and read every secret of the tenant for 25 clients. The default order's index also
-- holds the searched columns, so a search reads the index, not every row.

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


-- Not in schema.prisma (Prisma has no virtual tables): the search's substring match on a
-- trigram full-text index instead of reading every client (find-client-page-ids.ts).
-- FTS5 indexes rows by an integer key, which Client lacks (VACUUM, and so a backup's VACUUM
-- INTO, may renumber implicit rowids): ClientSearchText gives each client one, triggers on
-- Client keep it by Client Id, and FTS5's own external-content triggers keep the index.
CREATE TABLE "ClientSearchText" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ClientSearchText_clientId_key" ON "ClientSearchText"("clientId");

CREATE VIRTUAL TABLE "ClientSearch" USING fts5("nameSearch", "clientId", content = 'ClientSearchText', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER "ClientSearchText_insert" AFTER INSERT ON "ClientSearchText" BEGIN
  INSERT INTO "ClientSearch" (rowid, "nameSearch", "clientId") VALUES (new."id", new."nameSearch", new."clientId");
END;

CREATE TRIGGER "ClientSearchText_update" AFTER UPDATE ON "ClientSearchText" BEGIN
  INSERT INTO "ClientSearch" ("ClientSearch", rowid, "nameSearch", "clientId") VALUES ('delete', old."id", old."nameSearch", old."clientId");
  INSERT INTO "ClientSearch" (rowid, "nameSearch", "clientId") VALUES (new."id", new."nameSearch", new."clientId");
END;

CREATE TRIGGER "ClientSearchText_delete" AFTER DELETE ON "ClientSearchText" BEGIN
  INSERT INTO "ClientSearch" ("ClientSearch", rowid, "nameSearch", "clientId") VALUES ('delete', old."id", old."nameSearch", old."clientId");
END;

CREATE TRIGGER "Client_search_insert" AFTER INSERT ON "Client" BEGIN
  INSERT INTO "ClientSearchText" ("clientId", "nameSearch") VALUES (new."clientId", new."nameSearch");
END;

CREATE TRIGGER "Client_search_update" AFTER UPDATE OF "nameSearch", "clientId" ON "Client" BEGIN
  UPDATE "ClientSearchText" SET "clientId" = new."clientId", "nameSearch" = new."nameSearch" WHERE "clientId" = old."clientId";
END;

CREATE TRIGGER "Client_search_delete" AFTER DELETE ON "Client" BEGIN
  DELETE FROM "ClientSearchText" WHERE "clientId" = old."clientId";
END;

-- The clients already there.
INSERT INTO "ClientSearchText" ("clientId", "nameSearch") SELECT "clientId", "nameSearch" FROM "Client";
