ALTER TABLE "instructions" ADD COLUMN "target_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Instructions sent before this change have a row per target household: fix each one's target at the
-- later of its sending and its newest target household, so the households read back as its target
-- are the ones it has rows for (hand-written; keep it when renumbering).
UPDATE "instructions" i SET "target_at" = greatest(i."created_at", coalesce((SELECT max(h."created_at") FROM "instruction_households" ih JOIN "households" h ON h."id" = ih."household_id" WHERE ih."instruction_id" = i."id"), i."created_at"));
