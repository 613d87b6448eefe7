-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN     "encryptedPrivateJwk" TEXT;
