CREATE TABLE "bank_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"office_id" uuid NOT NULL,
	"person_id" uuid,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"earned_minutes" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_earnings" (
	"source_id" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"minutes" integer NOT NULL,
	"points" bigint NOT NULL,
	"credited" boolean NOT NULL,
	"note" text,
	"transaction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"provider" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"price" bigint NOT NULL,
	"stock" integer NOT NULL,
	"per_person_limit" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_offices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"tier" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"price" bigint NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_priority_list" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"reason" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_rankings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_name" text NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"month" text NOT NULL,
	"rank" integer NOT NULL,
	"masked_name" text NOT NULL,
	"points" bigint NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"category_code" text NOT NULL,
	"minutes_per_point" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_rules" (
	"district_code" text PRIMARY KEY NOT NULL,
	"balance_cap" bigint NOT NULL,
	"unlock_minutes" integer NOT NULL,
	"expiry" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"office_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"district_code" char(6) NOT NULL,
	"memo" text NOT NULL,
	"points" bigint NOT NULL,
	"earned_minutes" integer DEFAULT 0 NOT NULL,
	"person_id" uuid,
	"source_id" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"occurred_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_office_id_bank_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."bank_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_office_id_bank_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."bank_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_orders" ADD CONSTRAINT "bank_orders_item_id_bank_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."bank_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_orders" ADD CONSTRAINT "bank_orders_office_id_bank_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."bank_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_postings" ADD CONSTRAINT "bank_postings_transaction_id_bank_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."bank_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_postings" ADD CONSTRAINT "bank_postings_account_id_bank_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_priority_list" ADD CONSTRAINT "bank_priority_list_office_id_bank_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."bank_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_office_id_bank_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."bank_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_person_uq" ON "bank_accounts" USING btree ("person_id") WHERE person_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_office_kind_uq" ON "bank_accounts" USING btree ("office_id","kind") WHERE person_id IS NULL;--> statement-breakpoint
CREATE INDEX "bank_accounts_region_idx" ON "bank_accounts" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "bank_items_region_idx" ON "bank_items" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "bank_offices_region_uq" ON "bank_offices" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "bank_orders_item_person_idx" ON "bank_orders" USING btree ("item_id","person_id");--> statement-breakpoint
CREATE INDEX "bank_orders_region_idx" ON "bank_orders" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "bank_postings_tx_idx" ON "bank_postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "bank_postings_account_idx" ON "bank_postings" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_priority_uq" ON "bank_priority_list" USING btree ("office_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_rankings_uq" ON "bank_rankings" USING btree ("region_path","month","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_rates_uq" ON "bank_rates" USING btree ("district_code","category_code");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_tx_source_uq" ON "bank_transactions" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "bank_tx_region_idx" ON "bank_transactions" USING btree ("region_path" text_pattern_ops,"occurred_on");--> statement-breakpoint
CREATE INDEX "bank_tx_person_idx" ON "bank_transactions" USING btree ("person_id","occurred_on");