CREATE TABLE "tender_bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"team" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"state" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"criteria" jsonb NOT NULL,
	"panel_id" uuid,
	"finding" text,
	"award_bid_id" uuid,
	"award_notice_id" uuid,
	"void_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tender_bids" ADD CONSTRAINT "tender_bids_call_id_tender_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."tender_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_bids" ADD CONSTRAINT "tender_bids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_calls" ADD CONSTRAINT "tender_calls_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tender_bids_org_uq" ON "tender_bids" USING btree ("call_id","organisation_id");--> statement-breakpoint
CREATE INDEX "tender_bids_org_idx" ON "tender_bids" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "tender_calls_project_idx" ON "tender_calls" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "tender_calls_open_idx" ON "tender_calls" USING btree ("state","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_calls_live_uq" ON "tender_calls" USING btree ("project_id") WHERE state <> 'void';