-- CreateEnum
CREATE TYPE "JurisdictionKind" AS ENUM ('STATE', 'COUNTY', 'MUNICIPALITY');

-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('SHERIFF', 'POLICE', 'JAIL', 'STATE_AGENCY', 'OTHER');

-- CreateEnum
CREATE TYPE "AgreementModel" AS ENUM ('JEM', 'WSO', 'TFM');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('PENDING', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "MoaLinkState" AS ENUM ('LINKED', 'PENDING', 'NONE');

-- CreateEnum
CREATE TYPE "AgreementEventKind" AS ENUM ('LISTED', 'CHANGED', 'ENDED');

-- CreateEnum
CREATE TYPE "IceListKind" AS ENUM ('PARTICIPATING', 'PENDING');

-- CreateTable
CREATE TABLE "jurisdiction" (
    "id" SERIAL NOT NULL,
    "kind" "JurisdictionKind" NOT NULL,
    "name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "state_code" CHAR(2) NOT NULL,
    "fips" TEXT,
    "parent_id" INTEGER,
    "population" INTEGER,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jurisdiction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "match_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "state_code" CHAR(2) NOT NULL,
    "ice_county_name" TEXT,
    "jurisdiction_id" INTEGER,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement" (
    "id" SERIAL NOT NULL,
    "public_id" TEXT NOT NULL,
    "match_key" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "model" "AgreementModel" NOT NULL,
    "status" "AgreementStatus" NOT NULL,
    "signed_on" DATE,
    "moa_link" "MoaLinkState" NOT NULL DEFAULT 'NONE',
    "moa_url" TEXT,
    "has_addendum" BOOLEAN NOT NULL DEFAULT false,
    "first_listed_on" DATE NOT NULL,
    "ended_on" DATE,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_event" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "kind" "AgreementEventKind" NOT NULL,
    "from_status" "AgreementStatus",
    "to_status" "AgreementStatus" NOT NULL,
    "details" JSONB,
    "effective_on" DATE NOT NULL,
    "import_id" INTEGER,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agreement_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ice_import" (
    "id" SERIAL NOT NULL,
    "list_kind" "IceListKind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" CHAR(64) NOT NULL,
    "as_of" DATE NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT NOT NULL,
    "rows_read" INTEGER NOT NULL,
    "new_count" INTEGER NOT NULL,
    "changed_count" INTEGER NOT NULL,
    "ended_count" INTEGER NOT NULL,
    "unchanged_count" INTEGER NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ice_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seed_run" (
    "name" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seed_run_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "jurisdiction_fips_key" ON "jurisdiction"("fips");

-- CreateIndex
CREATE INDEX "jurisdiction_search_name_idx" ON "jurisdiction"("search_name");

-- CreateIndex
CREATE INDEX "jurisdiction_parent_id_idx" ON "jurisdiction"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "jurisdiction_state_code_slug_key" ON "jurisdiction"("state_code", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "agency_slug_key" ON "agency"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "agency_match_key_key" ON "agency"("match_key");

-- CreateIndex
CREATE INDEX "agency_jurisdiction_id_idx" ON "agency"("jurisdiction_id");

-- CreateIndex
CREATE INDEX "agency_state_code_idx" ON "agency"("state_code");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_public_id_key" ON "agreement"("public_id");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_match_key_key" ON "agreement"("match_key");

-- CreateIndex
CREATE INDEX "agreement_status_model_idx" ON "agreement"("status", "model");

-- CreateIndex
CREATE INDEX "agreement_agency_id_idx" ON "agreement"("agency_id");

-- CreateIndex
CREATE INDEX "agreement_event_agreement_id_effective_on_idx" ON "agreement_event"("agreement_id", "effective_on");

-- CreateIndex
CREATE INDEX "agreement_event_import_id_idx" ON "agreement_event"("import_id");

-- CreateIndex
CREATE INDEX "ice_import_list_kind_as_of_idx" ON "ice_import"("list_kind", "as_of");

-- AddForeignKey
ALTER TABLE "jurisdiction" ADD CONSTRAINT "jurisdiction_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "jurisdiction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency" ADD CONSTRAINT "agency_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_event" ADD CONSTRAINT "agreement_event_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_event" ADD CONSTRAINT "agreement_event_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "ice_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;
