-- CreateEnum
CREATE TYPE "AgreementSourceKind" AS ENUM ('ICE_LIST', 'MOA', 'OTHER');

-- CreateEnum
CREATE TYPE "IceFetchOutcome" AS ENUM ('RUNNING', 'OK', 'FAILED', 'OFFLINE');

-- AlterEnum
ALTER TYPE "AgreementEventKind" ADD VALUE 'RECORDED';

-- AlterTable
ALTER TABLE "agreement" ADD COLUMN     "on_ice_list" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "jurisdiction" ADD COLUMN     "place_type" TEXT,
ADD COLUMN     "population_source" TEXT;

-- CreateTable
CREATE TABLE "municipality_county" (
    "municipality_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "municipality_county_pkey" PRIMARY KEY ("municipality_id","county_id")
);

-- CreateTable
CREATE TABLE "zip_code" (
    "zip" CHAR(5) NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,

    CONSTRAINT "zip_code_pkey" PRIMARY KEY ("zip","jurisdiction_id")
);

-- CreateTable
CREATE TABLE "agreement_source" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "kind" "AgreementSourceKind" NOT NULL,
    "signed_on" DATE,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "note" TEXT,
    "import_id" INTEGER,
    "document_id" INTEGER,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agreement_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_document" (
    "id" SERIAL NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ice_fetch_run" (
    "id" SERIAL NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "outcome" "IceFetchOutcome" NOT NULL DEFAULT 'RUNNING',
    "messages" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ice_fetch_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ice_list_file" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "list_kind" "IceListKind" NOT NULL,
    "url" TEXT NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "http_status" INTEGER NOT NULL,
    "headers" JSONB NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "import_id" INTEGER,
    "refusal" TEXT,

    CONSTRAINT "ice_list_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "municipality_county_county_id_idx" ON "municipality_county"("county_id");

-- CreateIndex
CREATE INDEX "zip_code_jurisdiction_id_idx" ON "zip_code"("jurisdiction_id");

-- CreateIndex
CREATE INDEX "agreement_source_agreement_id_idx" ON "agreement_source"("agreement_id");

-- CreateIndex
CREATE INDEX "ice_fetch_run_started_at_idx" ON "ice_fetch_run"("started_at");

-- CreateIndex
CREATE INDEX "ice_list_file_fetched_at_idx" ON "ice_list_file"("fetched_at");

-- CreateIndex
CREATE INDEX "ice_list_file_sha256_idx" ON "ice_list_file"("sha256");

-- AddForeignKey
ALTER TABLE "municipality_county" ADD CONSTRAINT "municipality_county_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "municipality_county" ADD CONSTRAINT "municipality_county_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zip_code" ADD CONSTRAINT "zip_code_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_source" ADD CONSTRAINT "agreement_source_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_source" ADD CONSTRAINT "agreement_source_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "ice_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_source" ADD CONSTRAINT "agreement_source_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ice_list_file" ADD CONSTRAINT "ice_list_file_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "ice_fetch_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ice_list_file" ADD CONSTRAINT "ice_list_file_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "ice_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: agreements listed by an import rest on that ICE list.
INSERT INTO "agreement_source" ("agreement_id", "kind", "signed_on", "title", "import_id", "recorded_by")
SELECT e."agreement_id", 'ICE_LIST', a."signed_on", e."source", e."import_id", 'migration'
FROM "agreement_event" e JOIN "agreement" a ON a."id" = e."agreement_id"
WHERE e."kind" = 'LISTED' AND e."import_id" IS NOT NULL;

-- Search tolerant of small typos: trigram indexes on place and agency names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "jurisdiction_search_name_trgm_idx" ON "jurisdiction" USING gin ("search_name" gin_trgm_ops);
CREATE INDEX "agency_match_name_trgm_idx" ON "agency" USING gin ((split_part("match_key", '|', 2)) gin_trgm_ops);

-- Search keys write out "St."/"Mt."/"Ft." (app/registry/places.ts searchKey).
UPDATE "jurisdiction" SET "search_name" = regexp_replace(regexp_replace(regexp_replace("search_name",
  '\mst\M', 'saint', 'g'), '\mmt\M', 'mount', 'g'), '\mft\M', 'fort', 'g');
