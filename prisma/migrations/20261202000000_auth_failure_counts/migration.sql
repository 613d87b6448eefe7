-- CreateTable
CREATE TABLE "AuthFailureCount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "AuthFailureCount_expire_idx" ON "AuthFailureCount"("expire");
