CREATE TABLE "project_ballots" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"project_ids" jsonb NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_ballots_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_cosigns" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_cosigns_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_district_rules" (
	"district_code" char(6) PRIMARY KEY NOT NULL,
	"priority_areas" jsonb NOT NULL,
	"cap_hardware_fen" bigint NOT NULL,
	"cap_service_fen" bigint NOT NULL,
	"cap_residents_fen" bigint NOT NULL,
	"hearing_representatives" integer NOT NULL,
	"hearing_affected" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_hearings" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"held_on" date NOT NULL,
	"representative_ids" jsonb NOT NULL,
	"affected_ids" jsonb NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_requests" (
	"project_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"request_number" text NOT NULL,
	CONSTRAINT "project_requests_project_id_request_id_pk" PRIMARY KEY("project_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "project_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"year" integer NOT NULL,
	"budget_fen" bigint NOT NULL,
	"rule" text NOT NULL,
	"status" text NOT NULL,
	"council_id" uuid,
	"agenda_item_id" uuid,
	"resolution_id" uuid,
	"selected_ids" jsonb,
	"spent_fen" bigint,
	"left_fen" bigint,
	"ballot_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"reason" text NOT NULL,
	"class" text NOT NULL,
	"priority_area" text NOT NULL,
	"cost_fen" bigint NOT NULL,
	"beneficiaries" text NOT NULL,
	"proposer_user_id" uuid,
	"organisation_id" uuid,
	"status" text NOT NULL,
	"round_id" uuid,
	"left_out_reason" text,
	"cosign_count" integer DEFAULT 0 NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_ballots" ADD CONSTRAINT "project_ballots_round_id_project_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."project_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_comments" ADD CONSTRAINT "project_comments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cosigns" ADD CONSTRAINT "project_cosigns_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_hearings" ADD CONSTRAINT "project_hearings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_requests" ADD CONSTRAINT "project_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_round_id_project_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."project_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_comments_project_idx" ON "project_comments" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_requests_request_idx" ON "project_requests" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_rounds_community_year_uq" ON "project_rounds" USING btree ("community_id","year");--> statement-breakpoint
CREATE INDEX "project_rounds_region_path_idx" ON "project_rounds" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_region_path_idx" ON "projects" USING btree ("region_path" text_pattern_ops,"created_at","id");--> statement-breakpoint
CREATE INDEX "projects_community_idx" ON "projects" USING btree ("community_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_district_idx" ON "projects" USING btree ("district_code","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_round_idx" ON "projects" USING btree ("round_id");