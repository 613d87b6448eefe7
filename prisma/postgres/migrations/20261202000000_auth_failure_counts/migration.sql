-- CreateTable
CREATE TABLE "AuthFailureCount" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "AuthFailureCount_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthFailureCount_expire_idx" ON "AuthFailureCount"("expire");
