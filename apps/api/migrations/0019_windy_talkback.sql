CREATE TABLE "party_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"state" text DEFAULT 'claimed' NOT NULL,
	"done_on" date,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"year" smallint NOT NULL,
	"members" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"when_text" text NOT NULL,
	"places" integer NOT NULL,
	"claimed" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_point_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"report_id" uuid,
	"branch" text NOT NULL,
	"year" smallint NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_point_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"report_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"rule" text NOT NULL,
	"rule_label" text NOT NULL,
	"points" bigint NOT NULL,
	"reason" text NOT NULL,
	"claim_id" uuid,
	"reverses_id" uuid,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_point_postings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_ranking_rows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ranking_id" uuid NOT NULL,
	"board" text NOT NULL,
	"rank" integer NOT NULL,
	"masked_name" text NOT NULL,
	"points" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_rankings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"community_name" text NOT NULL,
	"year" smallint NOT NULL,
	"half" smallint NOT NULL,
	"size" integer NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"user_id" uuid,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"employer" text NOT NULL,
	"employer_party_org" text NOT NULL,
	"employer_party_contact" text NOT NULL,
	"skills" text NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"return_reason" text,
	"card_no" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_settings" (
	"district_code" text PRIMARY KEY NOT NULL,
	"yearly_target" integer DEFAULT 12 NOT NULL,
	"flag_on" text DEFAULT '06-30' NOT NULL,
	"catalogue" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "party_claims" ADD CONSTRAINT "party_claims_need_id_party_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."party_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_claims" ADD CONSTRAINT "party_claims_report_id_party_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."party_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_report_id_party_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."party_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_postings" ADD CONSTRAINT "party_point_postings_entry_id_party_point_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."party_point_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_postings" ADD CONSTRAINT "party_point_postings_account_id_party_point_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."party_point_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_ranking_rows" ADD CONSTRAINT "party_ranking_rows_ranking_id_party_rankings_id_fk" FOREIGN KEY ("ranking_id") REFERENCES "public"."party_rankings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_claims_need_report_uq" ON "party_claims" USING btree ("need_id","report_id");--> statement-breakpoint
CREATE INDEX "party_claims_report_idx" ON "party_claims" USING btree ("report_id","done_on");--> statement-breakpoint
CREATE UNIQUE INDEX "party_flags_year_uq" ON "party_flags" USING btree ("region_path","year");--> statement-breakpoint
CREATE INDEX "party_needs_region_path_idx" ON "party_needs" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "party_point_accounts_key_uq" ON "party_point_accounts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "party_point_accounts_region_idx" ON "party_point_accounts" USING btree ("region_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "party_point_entries_region_idx" ON "party_point_entries" USING btree ("region_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "party_point_entries_claim_uq" ON "party_point_entries" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_point_entries_reverses_uq" ON "party_point_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "party_point_postings_entry_idx" ON "party_point_postings" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "party_point_postings_account_idx" ON "party_point_postings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "party_ranking_rows_ranking_idx" ON "party_ranking_rows" USING btree ("ranking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_rankings_half_uq" ON "party_rankings" USING btree ("region_path","year","half");--> statement-breakpoint
CREATE INDEX "party_reports_region_path_idx" ON "party_reports" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "party_reports_one_community_uq" ON "party_reports" USING btree ("resident_id") WHERE state IN ('submitted', 'confirmed');--> statement-breakpoint
CREATE UNIQUE INDEX "party_reports_card_uq" ON "party_reports" USING btree ("card_no");