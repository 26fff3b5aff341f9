CREATE TABLE "visit_due" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"special" boolean NOT NULL,
	"interval_days" integer NOT NULL,
	"last_visit_at" timestamp with time zone,
	"registered_day" date NOT NULL,
	"due_day" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "visit_due_path_due_idx" ON "visit_due" USING btree ("region_path" text_pattern_ops,"due_day","special");