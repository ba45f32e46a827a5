-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "kpiIds" TEXT;

