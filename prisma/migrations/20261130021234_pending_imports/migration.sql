-- CreateTable
CREATE TABLE "pending_import" (
    "id" SERIAL NOT NULL,
    "file_name" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "uploaded_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "as_of" TEXT,

    CONSTRAINT "pending_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pending_import_uploaded_by_id_idx" ON "pending_import"("uploaded_by_id");

-- AddForeignKey
ALTER TABLE "pending_import" ADD CONSTRAINT "pending_import_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
