ALTER TABLE "requests" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_public_id_uq" ON "requests" USING btree ("public_id");