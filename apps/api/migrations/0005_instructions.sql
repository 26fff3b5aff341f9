CREATE TABLE "instruction_assignments" (
	"instruction_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"acked_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"reminders" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "instruction_assignments_instruction_id_user_id_region_id_pk" PRIMARY KEY("instruction_id","user_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "instruction_grids" (
	"instruction_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"workers" integer DEFAULT 0 NOT NULL,
	"acked" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"reached" integer DEFAULT 0 NOT NULL,
	"not_home" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "instruction_grids_instruction_id_region_id_pk" PRIMARY KEY("instruction_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "instruction_households" (
	"instruction_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"answer" text,
	"recorded_by" uuid,
	"via" text,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "instruction_households_instruction_id_household_id_pk" PRIMARY KEY("instruction_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "instructions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"issuer_id" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"task" text NOT NULL,
	"question" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"microgrids" integer DEFAULT 0 NOT NULL,
	"workers" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "instruction_assignments_user_idx" ON "instruction_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "instruction_grids_path_idx" ON "instruction_grids" USING btree ("instruction_id","region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "instruction_households_grid_idx" ON "instruction_households" USING btree ("instruction_id","region_id");--> statement-breakpoint
CREATE INDEX "instructions_region_path_idx" ON "instructions" USING btree ("region_path" text_pattern_ops,"created_at");