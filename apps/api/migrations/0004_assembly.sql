CREATE TABLE "council_agenda_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"request_id" uuid,
	"request_number" text,
	"state" text NOT NULL,
	"proposer_user_id" uuid,
	"cosign_threshold" integer DEFAULT 0 NOT NULL,
	"cosign_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "council_cosigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_meeting_agenda" (
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"notice_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_minutes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_motions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"text" text NOT NULL,
	"majority" text NOT NULL,
	"state" text NOT NULL,
	"result" text,
	"present_at_close" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resolution_id" uuid NOT NULL,
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
CREATE TABLE "council_resolutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"motion_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"notice_days" integer,
	"published_at" timestamp with time zone,
	"window_ends_at" timestamp with time zone,
	"effective_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_seats" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"kind" text NOT NULL,
	"resident_id" uuid,
	"organisation_id" uuid,
	"holder_name" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"vacated_at" timestamp with time zone,
	"vacated_reason" text,
	"by_election" boolean DEFAULT false NOT NULL,
	"predecessor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"motion_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"matter" text,
	"quorum" text NOT NULL,
	"majority" text NOT NULL,
	"cosign_threshold" integer NOT NULL,
	"notice_hours" integer NOT NULL,
	"public_notice_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assemblies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"noticed_at" timestamp with time zone NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"results_due_at" timestamp with time zone NOT NULL,
	"results_published_at" timestamp with time zone,
	"eligible_owners" integer,
	"eligible_area_centi_m2" bigint,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assembly_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assembly_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"owner_key" text NOT NULL,
	"choice" text NOT NULL,
	"area_centi_m2" bigint NOT NULL,
	"channel" text NOT NULL,
	"cast_by_user_id" uuid NOT NULL,
	"scan_key" text,
	"scan_mime" text,
	"cast_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assembly_matters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assembly_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"majority" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "assembly_owners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assembly_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"owner_key" text NOT NULL,
	"parties" text[] NOT NULL,
	"label" text NOT NULL,
	"area_centi_m2" bigint NOT NULL,
	"unit_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assembly_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assembly_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"owner_key" text NOT NULL,
	"label" text NOT NULL,
	"area_centi_m2" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_attendance" ADD CONSTRAINT "council_attendance_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_attendance" ADD CONSTRAINT "council_attendance_seat_id_council_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."council_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_cosigns" ADD CONSTRAINT "council_cosigns_agenda_item_id_council_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."council_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting_agenda" ADD CONSTRAINT "council_meeting_agenda_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting_agenda" ADD CONSTRAINT "council_meeting_agenda_agenda_item_id_council_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."council_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_minutes" ADD CONSTRAINT "council_minutes_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_motions" ADD CONSTRAINT "council_motions_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_objections" ADD CONSTRAINT "council_objections_resolution_id_council_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."council_resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_resolutions" ADD CONSTRAINT "council_resolutions_motion_id_council_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."council_motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_seats" ADD CONSTRAINT "council_seats_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_motion_id_council_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."council_motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_seat_id_council_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."council_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD CONSTRAINT "assembly_ballots_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD CONSTRAINT "assembly_ballots_matter_id_assembly_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."assembly_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_matters" ADD CONSTRAINT "assembly_matters_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_owners" ADD CONSTRAINT "assembly_owners_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_units" ADD CONSTRAINT "assembly_units_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_agenda_council_idx" ON "council_agenda_items" USING btree ("council_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "council_attendance_uq" ON "council_attendance" USING btree ("meeting_id","seat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_cosigns_uq" ON "council_cosigns" USING btree ("agenda_item_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_meeting_agenda_uq" ON "council_meeting_agenda" USING btree ("meeting_id","agenda_item_id");--> statement-breakpoint
CREATE INDEX "council_meetings_council_idx" ON "council_meetings" USING btree ("council_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "council_minutes_version_uq" ON "council_minutes" USING btree ("meeting_id","version");--> statement-breakpoint
CREATE INDEX "council_motions_meeting_idx" ON "council_motions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "council_objections_resolution_idx" ON "council_objections" USING btree ("resolution_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "council_resolutions_motion_uq" ON "council_resolutions" USING btree ("motion_id");--> statement-breakpoint
CREATE INDEX "council_resolutions_board_idx" ON "council_resolutions" USING btree ("region_path" text_pattern_ops,"published_at") WHERE published_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "council_seats_council_idx" ON "council_seats" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "council_seats_resident_idx" ON "council_seats" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_seats_predecessor_uq" ON "council_seats" USING btree ("predecessor_id") WHERE predecessor_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "council_votes_uq" ON "council_votes" USING btree ("motion_id","seat_id");--> statement-breakpoint
CREATE INDEX "councils_region_path_idx" ON "councils" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assemblies_region_path_idx" ON "assemblies" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assemblies_state_idx" ON "assemblies" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_ballots_owner_uq" ON "assembly_ballots" USING btree ("matter_id","owner_key");--> statement-breakpoint
CREATE INDEX "assembly_ballots_assembly_idx" ON "assembly_ballots" USING btree ("assembly_id","owner_key");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_matters_position_uq" ON "assembly_matters" USING btree ("assembly_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_owners_key_uq" ON "assembly_owners" USING btree ("assembly_id","owner_key");--> statement-breakpoint
CREATE INDEX "assembly_owners_parties_idx" ON "assembly_owners" USING gin ("parties");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_units_uq" ON "assembly_units" USING btree ("assembly_id","unit_id");