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
ALTER TABLE "assembly_ballots" ADD COLUMN "verified_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "assembly_ballots" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "council_show_of_hands" ADD CONSTRAINT "council_show_of_hands_motion_id_council_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."council_motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_show_of_hands_motion_uq" ON "council_show_of_hands" USING btree ("motion_id");