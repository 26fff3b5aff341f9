CREATE TABLE "triage_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"examples" integer NOT NULL,
	"corrections" integer NOT NULL,
	"held_out_matter_bp" integer NOT NULL,
	"model" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
