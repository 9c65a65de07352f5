-- CreateIndex
CREATE INDEX "filing_revision_certified_at_id_idx" ON "filing_revision"("certified_at" DESC, "id" DESC);
