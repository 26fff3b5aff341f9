CREATE TABLE "volunteer_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"minutes" integer NOT NULL,
	"issued_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_hour_caps" (
	"category_code" text PRIMARY KEY NOT NULL,
	"max_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hour_caps_ck" CHECK ("volunteer_hour_caps"."max_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "volunteer_service_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"activity_id" uuid,
	"category_code" text DEFAULT 'general' NOT NULL,
	"title" text NOT NULL,
	"service_day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_records_minutes_ck" CHECK ("volunteer_service_records"."minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "volunteer_skills" (
	"code" text PRIMARY KEY NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_star_thresholds" (
	"district_code" text PRIMARY KEY NOT NULL,
	"hours" integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"team_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_team_members_team_id_volunteer_id_pk" PRIMARY KEY("team_id","volunteer_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"leader_volunteer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills_other" text DEFAULT '' NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_areas" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service_records" ADD CONSTRAINT "volunteer_service_records_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_leader_volunteer_id_volunteers_id_fk" FOREIGN KEY ("leader_volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_certificates_number_uq" ON "volunteer_certificates" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_records_activity_uq" ON "volunteer_service_records" USING btree ("volunteer_id","activity_id") WHERE activity_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "volunteer_records_volunteer_idx" ON "volunteer_service_records" USING btree ("volunteer_id","service_day");--> statement-breakpoint
CREATE INDEX "volunteer_records_region_path_idx" ON "volunteer_service_records" USING btree ("region_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_name_uq" ON "volunteer_teams" USING btree ("region_path","name");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_resident_uq" ON "volunteers" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "volunteers_region_path_idx" ON "volunteers" USING btree ("region_path" text_pattern_ops,"status");