CREATE TABLE "notice_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"outcome" text,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"region_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"working_days" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"closed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"ref_id" uuid,
	"organisation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "panel_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"weight" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"capacity" text NOT NULL,
	"organisation_ids" uuid[] NOT NULL,
	"absent_at" timestamp with time zone,
	"absent_reason" text
);
--> statement-breakpoint
CREATE TABLE "panel_scores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"panel_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"tenths" integer NOT NULL,
	"entered_by" uuid NOT NULL,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"region_id" uuid,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"created_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_objections" ADD CONSTRAINT "notice_objections_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_candidates" ADD CONSTRAINT "panel_candidates_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_criteria" ADD CONSTRAINT "panel_criteria_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_member_id_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."panel_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_candidate_id_panel_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."panel_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_criterion_id_panel_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."panel_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_objections_notice_idx" ON "notice_objections" USING btree ("notice_id","created_at");--> statement-breakpoint
CREATE INDEX "notice_objections_open_idx" ON "notice_objections" USING btree ("notice_id") WHERE answered_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_subject_uq" ON "notices" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "notices_board_idx" ON "notices" USING btree ("region_path" text_pattern_ops,"published_at");--> statement-breakpoint
CREATE INDEX "panel_candidates_panel_idx" ON "panel_candidates" USING btree ("panel_id","position");--> statement-breakpoint
CREATE INDEX "panel_criteria_panel_idx" ON "panel_criteria" USING btree ("panel_id","position");--> statement-breakpoint
CREATE INDEX "panel_members_panel_idx" ON "panel_members" USING btree ("panel_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_scores_uq" ON "panel_scores" USING btree ("member_id","candidate_id","criterion_id");--> statement-breakpoint
CREATE INDEX "panel_scores_panel_idx" ON "panel_scores" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "panels_subject_idx" ON "panels" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "panels_region_idx" ON "panels" USING btree ("region_path" text_pattern_ops,"created_at");