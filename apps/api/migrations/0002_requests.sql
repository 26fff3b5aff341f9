CREATE SEQUENCE "public"."request_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"public" boolean DEFAULT true NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "request_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"hours" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_followers" (
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_followers_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "request_handlers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"organisation_id" uuid,
	"region_id" uuid,
	"role" text NOT NULL,
	"task" text,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_stats_daily" (
	"day" date NOT NULL,
	"region_path" text NOT NULL,
	"department_key" text NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"responded" bigint DEFAULT 0 NOT NULL,
	"responded_on_time" bigint DEFAULT 0 NOT NULL,
	"resolved" bigint DEFAULT 0 NOT NULL,
	"resolved_on_time" bigint DEFAULT 0 NOT NULL,
	"rated" bigint DEFAULT 0 NOT NULL,
	"satisfied" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "request_stats_daily_day_region_path_department_key_pk" PRIMARY KEY("day","region_path","department_key")
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"region_id" uuid,
	"region_path" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"description" text NOT NULL,
	"category_id" uuid,
	"matter" text,
	"department_id" uuid,
	"channel" text NOT NULL,
	"reporter_user_id" uuid,
	"reporter_resident_id" uuid,
	"reporter_name" text,
	"reporter_phone_hash" text,
	"reporter_phone_cipher" text,
	"reporter_phone_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"owner_user_id" uuid,
	"suggestion" jsonb,
	"respond_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"reply" text,
	"closed_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"merged_into_id" uuid,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_to_path" text,
	"sla_state" text DEFAULT 'ok' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" char(6) NOT NULL,
	"region_path" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"matter" text NOT NULL,
	"department_id" uuid,
	"respond_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"working_time" boolean NOT NULL,
	"required_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"text" text NOT NULL,
	"suggested_matter" text,
	"suggested_category" text,
	"matter" text NOT NULL,
	"category" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_followers" ADD CONSTRAINT "request_followers_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_handlers" ADD CONSTRAINT "request_handlers_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_photos" ADD CONSTRAINT "request_photos_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open311_keys_hash_uq" ON "open311_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "request_extensions_request_idx" ON "request_extensions" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_handlers_request_idx" ON "request_handlers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_handlers_org_idx" ON "request_handlers" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "request_photos_request_idx" ON "request_photos" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_stats_daily_path_idx" ON "request_stats_daily" USING btree ("region_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "request_stats_daily_dept_idx" ON "request_stats_daily" USING btree ("department_key","day");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_number_uq" ON "requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "requests_region_path_idx" ON "requests" USING btree ("region_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "requests_department_idx" ON "requests" USING btree ("department_id","state");--> statement-breakpoint
CREATE INDEX "requests_state_idx" ON "requests" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "requests_reporter_idx" ON "requests" USING btree ("reporter_user_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_place_idx" ON "requests" USING btree ("lat","lng") WHERE lat IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "service_categories_code_uq" ON "service_categories" USING btree ("district_code","code");