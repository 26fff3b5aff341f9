CREATE TABLE "phone_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"key" text PRIMARY KEY NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_show_of_hands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"motion_id" uuid NOT NULL,
	"for_count" integer NOT NULL,
	"against_count" integer NOT NULL,
	"abstain_count" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fund_month_closes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"month" date NOT NULL,
	"state" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_link_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"id_hash" text,
	"id_cipher" text,
	"id_masked" text,
	"reason" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"resident_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD COLUMN "scan_sha256" text;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD COLUMN "verified_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fund_attachments" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD COLUMN "kind" text DEFAULT 'expense' NOT NULL;--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD COLUMN "reverses_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_questions" ADD COLUMN "asker_named" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "funds" ADD COLUMN "closed_through" date;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD COLUMN "original_on" date;--> statement-breakpoint
ALTER TABLE "council_show_of_hands" ADD CONSTRAINT "council_show_of_hands_motion_id_council_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."council_motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_month_closes" ADD CONSTRAINT "fund_month_closes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_link_requests" ADD CONSTRAINT "account_link_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phone_codes_phone_idx" ON "phone_codes" USING btree ("phone_hash","purpose","created_at");--> statement-breakpoint
CREATE INDEX "phone_codes_ip_idx" ON "phone_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "uploads_owner_idx" ON "uploads" USING btree ("owner_user_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "council_show_of_hands_motion_uq" ON "council_show_of_hands" USING btree ("motion_id");--> statement-breakpoint
CREATE INDEX "fund_month_closes_fund_idx" ON "fund_month_closes" USING btree ("fund_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_month_closes_pending_uq" ON "fund_month_closes" USING btree ("fund_id") WHERE state = 'proposed';--> statement-breakpoint
CREATE INDEX "account_link_requests_region_idx" ON "account_link_requests" USING btree ("region_path" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "account_link_requests_user_idx" ON "account_link_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_inbox_resident_idx" ON "outbox" USING btree ("recipient_resident_id","created_at") WHERE template NOT LIKE 'auth.%';--> statement-breakpoint
CREATE INDEX "outbox_unread_user_idx" ON "outbox" USING btree ("recipient_user_id") WHERE read_at IS NULL AND template NOT LIKE 'auth.%';--> statement-breakpoint
CREATE INDEX "outbox_unread_resident_idx" ON "outbox" USING btree ("recipient_resident_id") WHERE read_at IS NULL AND template NOT LIKE 'auth.%';--> statement-breakpoint
CREATE UNIQUE INDEX "requests_public_id_uq" ON "requests" USING btree ("public_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_ballots_scan_uq" ON "assembly_ballots" USING btree ("matter_id","scan_sha256");--> statement-breakpoint
CREATE INDEX "fund_attachments_sha256_idx" ON "fund_attachments" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_budgets_matter_uq" ON "fund_budgets" USING btree ("assembly_matter_id");--> statement-breakpoint
CREATE INDEX "ledger_tx_reversals_idx" ON "ledger_transactions" USING btree ("fund_id") WHERE reverses_id IS NOT NULL;