CREATE TABLE "project_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"text" text,
	"amount_fen" bigint,
	"figure" integer,
	"link" jsonb
);
--> statement-breakpoint
ALTER TABLE "project_district_rules" ADD COLUMN "tender_min_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_district_rules" ADD COLUMN "acceptance_pass_mark" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_district_rules" ADD COLUMN "rating_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_district_rules" ADD COLUMN "instalment_percents" jsonb DEFAULT '[30,40,30]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "implementer_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "implementer_label" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "awarded_fen" bigint;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fund_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "reservation_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "paid_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "progress_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "acceptance_score" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rating_sum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","at","id");