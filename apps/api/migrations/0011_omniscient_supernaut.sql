ALTER TABLE "request_stats_daily" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "request_stats_daily" ALTER COLUMN "stripe" SET DEFAULT (pg_backend_pid() % 8);--> statement-breakpoint
ALTER TABLE "request_stats_daily" DROP CONSTRAINT "request_stats_daily_day_region_path_department_key_pk";--> statement-breakpoint
ALTER TABLE "request_stats_daily" ADD CONSTRAINT "request_stats_daily_day_region_path_department_key_stripe_pk" PRIMARY KEY("day","region_path","department_key","stripe");
