ALTER TABLE "assembly_ballots" ADD COLUMN "scan_sha256" text;--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_ballots_scan_uq" ON "assembly_ballots" USING btree ("matter_id","scan_sha256");