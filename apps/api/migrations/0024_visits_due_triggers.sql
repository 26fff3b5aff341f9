-- Visits coverage kept, not recomputed (issue 18 part 3). `visit_due` holds each current household's
-- next due day; these functions are its one definition and the triggers below keep it in the writing
-- transaction whoever writes households, residents, visits or visit_rules. The constants mirror
-- packages/core/src/visitRules.ts (LARGE_COMMUNITY_HOUSEHOLDS 1000, large 60 days, small 30, special 1,
-- special tags elderly_alone and disabled, days in Asia/Shanghai); visits.due.test.ts checks they agree.
-- A community is the first 12 digits of a region path; ':' sorts after every digit, so
-- [c, c || ':') is the range of paths under c on the text_pattern_ops indexes.

-- Each community's effective rule: its own visit_rules row, else the defaults by size, the size by
-- its current household count.
CREATE OR REPLACE FUNCTION visit_due_rules(communities text[])
RETURNS TABLE (community text, regular_days int, special_days int, special_tags text[])
LANGUAGE sql STABLE AS $$
  SELECT c.community,
         CASE WHEN vr.size = 'large' OR (coalesce(vr.size, 'auto') = 'auto' AND (SELECT count(*) FROM households x
                WHERE x.region_path ~>=~ c.community AND x.region_path ~<~ (c.community || ':') AND x.moved_out_at IS NULL) >= 1000)
              THEN coalesce(vr.large_days, 60) ELSE coalesce(vr.small_days, 30) END,
         coalesce(vr.special_days, 1),
         coalesce(vr.special_tags, '{elderly_alone,disabled}'::text[])
    FROM (SELECT DISTINCT unnest(communities) AS community) c LEFT JOIN visit_rules vr ON vr.region_path = c.community
$$;
--> statement-breakpoint
-- The coverage of the given households that are current (moved-out and unknown ids give no row):
-- special when a current member carries one of the community's special tags; due on the last
-- "visited" visit's day plus the interval, or on the registration day when never visited.
CREATE OR REPLACE FUNCTION visit_due_compute(ids uuid[])
RETURNS TABLE (household_id uuid, region_path text, district_code char(6), special boolean, interval_days int,
               last_visit_at timestamptz, registered_day date, due_day date)
LANGUAGE sql STABLE AS $$
  WITH hh AS MATERIALIZED (
    SELECT h.id, h.region_path, h.district_code, (h.created_at AT TIME ZONE 'Asia/Shanghai')::date AS registered_day, left(h.region_path, 12) AS community
      FROM (SELECT DISTINCT unnest(ids) AS id) k JOIN households h ON h.id = k.id
     WHERE h.moved_out_at IS NULL
  ), rule AS MATERIALIZED (
    SELECT * FROM visit_due_rules(ARRAY(SELECT DISTINCT community FROM hh))
  ), sp AS MATERIALIZED (
    SELECT DISTINCT m.household_id FROM hh JOIN rule r USING (community) JOIN residents m ON m.household_id = hh.id
     WHERE m.moved_out_at IS NULL AND m.tags && r.special_tags
  ), lv AS MATERIALIZED (
    SELECT v.household_id, max(v.visited_at) AS last_visit_at FROM hh JOIN visits v ON v.household_id = hh.id
     WHERE v.outcome = 'visited' GROUP BY v.household_id
  ), x AS (
    SELECT hh.*, r.regular_days, r.special_days, sp.household_id IS NOT NULL AS special, lv.last_visit_at
      FROM hh JOIN rule r USING (community) LEFT JOIN sp ON sp.household_id = hh.id LEFT JOIN lv ON lv.household_id = hh.id
  )
  -- The due day as packages/core's nextDueDay; visit_due_rebuild repeats these lines for the whole city.
  SELECT id, region_path, district_code, special, CASE WHEN special THEN special_days ELSE regular_days END,
         last_visit_at, registered_day,
         CASE WHEN last_visit_at IS NULL THEN registered_day
              ELSE (last_visit_at AT TIME ZONE 'Asia/Shanghai')::date + CASE WHEN special THEN special_days ELSE regular_days END END
    FROM x
$$;
--> statement-breakpoint
-- Brings the given households' rows up to date: computed again, written only where they differ,
-- removed for households no longer current.
CREATE OR REPLACE FUNCTION visit_due_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM visit_due d USING (SELECT DISTINCT unnest(ids) AS id) k
   WHERE d.household_id = k.id AND NOT EXISTS (SELECT 1 FROM households h WHERE h.id = k.id AND h.moved_out_at IS NULL);
  INSERT INTO visit_due AS d (household_id, region_path, district_code, special, interval_days, last_visit_at, registered_day, due_day)
    SELECT * FROM visit_due_compute(ids)
  ON CONFLICT (household_id) DO UPDATE SET region_path = excluded.region_path, district_code = excluded.district_code, special = excluded.special,
       interval_days = excluded.interval_days, last_visit_at = excluded.last_visit_at, registered_day = excluded.registered_day, due_day = excluded.due_day
   WHERE (d.region_path, d.district_code, d.special, d.interval_days, d.last_visit_at, d.registered_day, d.due_day)
         IS DISTINCT FROM (excluded.region_path, excluded.district_code, excluded.special, excluded.interval_days, excluded.last_visit_at, excluded.registered_day, excluded.due_day);
$$;
--> statement-breakpoint
-- A household arriving or leaving can move a community across the large/small line: the rows whose
-- interval no longer matches the community's rule take the new one (nothing is written otherwise).
CREATE OR REPLACE FUNCTION visit_due_reinterval(communities text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE visit_due d SET interval_days = CASE WHEN d.special THEN r.special_days ELSE r.regular_days END,
         due_day = CASE WHEN d.last_visit_at IS NULL THEN d.registered_day
                        ELSE (d.last_visit_at AT TIME ZONE 'Asia/Shanghai')::date + CASE WHEN d.special THEN r.special_days ELSE r.regular_days END END
    FROM visit_due_rules(communities) r
   WHERE d.region_path ~>=~ r.community AND d.region_path ~<~ (r.community || ':')
     AND d.interval_days <> CASE WHEN d.special THEN r.special_days ELSE r.regular_days END;
$$;
--> statement-breakpoint
-- Every household of the communities computed again (a rule changed: its intervals and its special tags).
CREATE OR REPLACE FUNCTION visit_due_refresh_communities(communities text[]) RETURNS void LANGUAGE sql AS $$
  SELECT visit_due_refresh(ARRAY(
    SELECT h.id FROM unnest(communities) c JOIN households h ON h.region_path ~>=~ c AND h.region_path ~<~ (c || ':')
    UNION SELECT d.household_id FROM unnest(communities) c JOIN visit_due d ON d.region_path ~>=~ c AND d.region_path ~<~ (c || ':')));
$$;
--> statement-breakpoint
-- Every row from scratch in one set-based pass (hash joins; the residents read are only those carrying
-- a special tag, through their GIN index): the data migration below, and bulk loads that run with
-- triggers off (`seed --scale`). visit_due_compute's rule, for every current household at once.
-- Returns the rows written.
CREATE OR REPLACE FUNCTION visit_due_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM visit_due;
  INSERT INTO visit_due (household_id, region_path, district_code, special, interval_days, last_visit_at, registered_day, due_day)
  WITH hh AS MATERIALIZED (
    SELECT h.id, h.region_path, h.district_code, (h.created_at AT TIME ZONE 'Asia/Shanghai')::date AS registered_day, left(h.region_path, 12) AS community
      FROM households h WHERE h.moved_out_at IS NULL
  ), rule AS MATERIALIZED (
    SELECT * FROM visit_due_rules(ARRAY(SELECT DISTINCT community FROM hh))
  ), tagged AS MATERIALIZED (
    SELECT m.household_id, m.tags FROM residents m
     WHERE m.moved_out_at IS NULL AND m.tags && (SELECT coalesce(array_agg(DISTINCT t), '{}') FROM rule, unnest(rule.special_tags) t)
  ), sp AS MATERIALIZED (
    SELECT DISTINCT t.household_id FROM tagged t JOIN hh ON hh.id = t.household_id JOIN rule r ON r.community = hh.community WHERE t.tags && r.special_tags
  ), lv AS MATERIALIZED (
    SELECT v.household_id, max(v.visited_at) AS last_visit_at FROM visits v WHERE v.outcome = 'visited' GROUP BY v.household_id
  ), x AS (
    SELECT hh.*, r.regular_days, r.special_days, sp.household_id IS NOT NULL AS special, lv.last_visit_at
      FROM hh JOIN rule r USING (community) LEFT JOIN sp ON sp.household_id = hh.id LEFT JOIN lv ON lv.household_id = hh.id
  )
  SELECT id, region_path, district_code, special, CASE WHEN special THEN special_days ELSE regular_days END,
         last_visit_at, registered_day,
         CASE WHEN last_visit_at IS NULL THEN registered_day
              ELSE (last_visit_at AT TIME ZONE 'Asia/Shanghai')::date + CASE WHEN special THEN special_days ELSE regular_days END END
    FROM x;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
-- Households: new, moved (path), moved out, re-dated or removed. An address edit writes nothing here.
CREATE OR REPLACE FUNCTION visit_due_households_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_due_refresh(ARRAY(SELECT id FROM new_rows));
    PERFORM visit_due_reinterval(ARRAY(SELECT DISTINCT left(region_path, 12) FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_due_refresh(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.region_path, n.district_code, n.moved_out_at, n.created_at) IS DISTINCT FROM (o.region_path, o.district_code, o.moved_out_at, o.created_at)));
    PERFORM visit_due_reinterval(ARRAY(
      SELECT left(n.region_path, 12) FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.region_path, n.moved_out_at IS NULL) IS DISTINCT FROM (o.region_path, o.moved_out_at IS NULL)
      UNION SELECT left(o.region_path, 12) FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.region_path, n.moved_out_at IS NULL) IS DISTINCT FROM (o.region_path, o.moved_out_at IS NULL)));
  ELSE
    DELETE FROM visit_due d USING old_rows o WHERE d.household_id = o.id;
    PERFORM visit_due_reinterval(ARRAY(SELECT DISTINCT left(region_path, 12) FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Residents: a member arriving, leaving, moving household or changing tags can make a household special.
CREATE OR REPLACE FUNCTION visit_due_residents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_due_refresh(ARRAY(SELECT DISTINCT household_id FROM new_rows WHERE household_id IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_due_refresh(ARRAY(
      SELECT n.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.tags, n.moved_out_at IS NULL) IS DISTINCT FROM (o.household_id, o.tags, o.moved_out_at IS NULL) AND n.household_id IS NOT NULL
      UNION SELECT o.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.tags, n.moved_out_at IS NULL) IS DISTINCT FROM (o.household_id, o.tags, o.moved_out_at IS NULL) AND o.household_id IS NOT NULL));
  ELSE
    PERFORM visit_due_refresh(ARRAY(SELECT DISTINCT household_id FROM old_rows WHERE household_id IS NOT NULL));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Visits: a visit recorded (or corrected, or erased) moves its household's due day.
CREATE OR REPLACE FUNCTION visit_due_visits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_due_refresh(ARRAY(SELECT DISTINCT household_id FROM new_rows WHERE outcome = 'visited'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_due_refresh(ARRAY(
      SELECT n.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.visited_at, n.outcome) IS DISTINCT FROM (o.household_id, o.visited_at, o.outcome)
      UNION SELECT o.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.visited_at, n.outcome) IS DISTINCT FROM (o.household_id, o.visited_at, o.outcome)));
  ELSE
    PERFORM visit_due_refresh(ARRAY(SELECT DISTINCT household_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A community's rule set, changed or removed: all its households again.
CREATE OR REPLACE FUNCTION visit_due_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM visit_due_refresh_communities(ARRAY(SELECT region_path FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM visit_due_refresh_communities(ARRAY(SELECT region_path FROM new_rows UNION SELECT region_path FROM old_rows));
  ELSE
    PERFORM visit_due_refresh_communities(ARRAY(SELECT region_path FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Statement triggers with transition tables: one set-based refresh per statement (a 1,000-row insert
-- of the demo seed is one refresh, not a thousand). PostgreSQL allows transition tables only on
-- single-event triggers, hence three per table.
CREATE TRIGGER visit_due_households_ins AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_households_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_households_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_households_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_households_del AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_households_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_residents_ins AFTER INSERT ON residents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_residents_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_residents_upd AFTER UPDATE ON residents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_residents_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_residents_del AFTER DELETE ON residents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_residents_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_visits_ins AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_visits_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_visits_upd AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_visits_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_visits_del AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_visits_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_rules_ins AFTER INSERT ON visit_rules REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_rules_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_rules_upd AFTER UPDATE ON visit_rules REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_rules_changed();
--> statement-breakpoint
CREATE TRIGGER visit_due_rules_del AFTER DELETE ON visit_rules REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION visit_due_rules_changed();
--> statement-breakpoint
-- Data migration: the households already there.
SELECT visit_due_rebuild();
