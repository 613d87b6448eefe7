-- CreateTable
CREATE TABLE "ClientAuthFailure" (
    "clientId" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("clientId", "windowStart"),
    CONSTRAINT "ClientAuthFailure_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClientAuthFailure_windowStart_idx" ON "ClientAuthFailure"("windowStart");

