CREATE TABLE "fund_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"spent" bigint DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"purpose" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"reserved_by" uuid,
	"reserved_by_name" text NOT NULL,
	"released_amount" bigint,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_reservations_spent_ck" CHECK (spent >= 0 AND spent <= amount AND amount > 0)
);
--> statement-breakpoint
CREATE TABLE "project_instalments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"k" integer NOT NULL,
	"amount" bigint NOT NULL,
	"expense_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_expenses" ADD COLUMN "reservation_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_reservations" ADD CONSTRAINT "fund_reservations_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_instalments" ADD CONSTRAINT "project_instalments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_reservations_open_idx" ON "fund_reservations" USING btree ("fund_id") WHERE state = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "fund_reservations_subject_open_uq" ON "fund_reservations" USING btree ("subject_type","subject_id") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "project_instalments_project_idx" ON "project_instalments" USING btree ("project_id","k");--> statement-breakpoint
CREATE INDEX "project_instalments_expense_idx" ON "project_instalments" USING btree ("expense_id");