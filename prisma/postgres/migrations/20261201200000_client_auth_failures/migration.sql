-- CreateTable
CREATE TABLE "ClientAuthFailure" (
    "clientId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ClientAuthFailure_pkey" PRIMARY KEY ("clientId","windowStart")
);

-- CreateIndex
CREATE INDEX "ClientAuthFailure_windowStart_idx" ON "ClientAuthFailure"("windowStart");

-- AddForeignKey
ALTER TABLE "ClientAuthFailure" ADD CONSTRAINT "ClientAuthFailure_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

