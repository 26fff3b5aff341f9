-- Council resolutions' public notices move to the shared notices feature: each published resolution
-- becomes a notice with the resolution's id (so its pending window timer and links keep pointing at
-- it), its objections move with their answers ('rejected' is the notices' 'dismissed').
INSERT INTO "notices" ("id", "kind", "subject_id", "region_path", "district_code", "region_id", "title", "body", "working_days", "published_at", "window_ends_at", "state", "closed_at", "withdrawn_at", "created_at")
SELECT r."id", 'council_resolution', r."id", r."region_path", r."district_code", c."region_id", r."title", r."text", COALESCE(r."notice_days", c."public_notice_days"),
  r."published_at", COALESCE(r."window_ends_at", r."published_at"),
  CASE r."state" WHEN 'effective' THEN 'closed' WHEN 'returned' THEN 'withdrawn' ELSE 'open' END,
  CASE WHEN r."state" = 'effective' THEN r."effective_at" END,
  CASE WHEN r."state" = 'returned' THEN r."returned_at" END,
  r."published_at"
FROM "council_resolutions" r JOIN "councils" c ON c."id" = r."council_id"
WHERE r."published_at" IS NOT NULL;--> statement-breakpoint
INSERT INTO "notice_objections" ("id", "notice_id", "region_path", "district_code", "user_id", "text", "outcome", "answer", "answered_at", "answered_by", "created_at")
SELECT o."id", o."resolution_id", o."region_path", o."district_code", o."user_id", o."text",
  CASE o."outcome" WHEN 'rejected' THEN 'dismissed' ELSE o."outcome" END, o."answer", o."answered_at", o."answered_by", o."created_at"
FROM "council_objections" o;--> statement-breakpoint
UPDATE "timers" SET "kind" = 'notice.window_end' WHERE "kind" = 'council.notice_end';--> statement-breakpoint
DROP TABLE "council_objections" CASCADE;
