CREATE TABLE "household_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"proposed_by" uuid NOT NULL,
	"changes" jsonb NOT NULL,
	"base_version" text NOT NULL,
	"base" jsonb,
	"status" text NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"size" text DEFAULT 'auto' NOT NULL,
	"large_days" integer,
	"small_days" integer,
	"special_days" integer,
	"special_tags" text[],
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"worker_user_id" uuid NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_changes" ADD CONSTRAINT "household_changes_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "household_changes_visit_uq" ON "household_changes" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "household_changes_region_status_idx" ON "household_changes" USING btree ("region_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "household_changes_household_idx" ON "household_changes" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_rules_region_uq" ON "visit_rules" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_rules_path_uq" ON "visit_rules" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "visits_household_idx" ON "visits" USING btree ("household_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_region_path_idx" ON "visits" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_worker_idx" ON "visits" USING btree ("worker_user_id","visited_at");