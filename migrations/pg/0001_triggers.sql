-- Hand-written: PostgreSQL's twins of the triggers SQLite has after its migration 0012, under the same
-- names, and the audit chain's hash, which SQLite's connections register from Node
-- (server/src/db/audit-chain.ts) and PostgreSQL computes in SQL with pgcrypto's hmac().
CREATE EXTENSION IF NOT EXISTS pgcrypto;
--> statement-breakpoint

-- The dashboard's derived data (SQLite migrations 0003, 0005–0007): every change to an input of the
-- dashboard marks the bureau-year rows of bureau_year_scores it affects dirty and bumps the change
-- counter of its year in dashboard_versions (year 0: what all years share: bureaus, regions, the
-- catalog). Triggers, so that a change by any writer (any app server, the CLI, hand-run SQL) is seen.
CREATE FUNCTION bump_dashboard_version(y integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_versions (year, version) VALUES (y, 1)
  ON CONFLICT (year) DO UPDATE SET version = dashboard_versions.version + 1
$$;
--> statement-breakpoint
-- As on SQLite (its migration 0003), year 0's counter exists from the start.
INSERT INTO dashboard_versions (year, version) VALUES (0, 1);
--> statement-breakpoint
CREATE FUNCTION mark_score_dirty(y integer, bureau integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (y, bureau)
  ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = true WHERE NOT bureau_year_scores.dirty
$$;
--> statement-breakpoint

-- A row of one bureau's year (submissions, rectification_items): that bureau-year and its year.
CREATE FUNCTION bureau_year_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM mark_score_dirty(NEW.year, NEW.bureau_id); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM mark_score_dirty(OLD.year, OLD.bureau_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM bump_dashboard_version(NEW.year); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM bump_dashboard_version(OLD.year); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER submissions_dashboard_insert AFTER INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint
CREATE TRIGGER submissions_dashboard_update AFTER UPDATE ON submissions FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
    OR NEW.first_submitted_at IS DISTINCT FROM OLD.first_submitted_at OR NEW.late_resubmissions IS DISTINCT FROM OLD.late_resubmissions
    OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.year IS DISTINCT FROM OLD.year OR NEW.bureau_id IS DISTINCT FROM OLD.bureau_id)
  EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint
CREATE TRIGGER submissions_dashboard_delete AFTER DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint
CREATE TRIGGER rectification_items_dashboard_insert AFTER INSERT ON rectification_items FOR EACH ROW EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint
CREATE TRIGGER rectification_items_dashboard_update AFTER UPDATE ON rectification_items FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.verified_at IS DISTINCT FROM OLD.verified_at OR NEW.deadline IS DISTINCT FROM OLD.deadline
    OR NEW.year IS DISTINCT FROM OLD.year OR NEW.bureau_id IS DISTINCT FROM OLD.bureau_id)
  EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint
CREATE TRIGGER rectification_items_dashboard_delete AFTER DELETE ON rectification_items FOR EACH ROW EXECUTE FUNCTION bureau_year_dashboard();
--> statement-breakpoint

-- A value of a submission: the submission's bureau-year.
CREATE FUNCTION submission_values_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM mark_score_dirty(year, bureau_id) FROM submissions WHERE id = NEW.submission_id; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM mark_score_dirty(year, bureau_id) FROM submissions WHERE id = OLD.submission_id; END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM bump_dashboard_version(year) FROM submissions WHERE id = NEW.submission_id; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM bump_dashboard_version(year) FROM submissions WHERE id = OLD.submission_id; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER submission_values_dashboard_insert AFTER INSERT ON submission_values FOR EACH ROW EXECUTE FUNCTION submission_values_dashboard();
--> statement-breakpoint
CREATE TRIGGER submission_values_dashboard_update AFTER UPDATE ON submission_values FOR EACH ROW
  WHEN (NEW.value IS DISTINCT FROM OLD.value OR NEW.not_applicable IS DISTINCT FROM OLD.not_applicable
    OR NEW.submission_id IS DISTINCT FROM OLD.submission_id OR NEW.indicator_code IS DISTINCT FROM OLD.indicator_code)
  EXECUTE FUNCTION submission_values_dashboard();
--> statement-breakpoint
CREATE TRIGGER submission_values_dashboard_delete AFTER DELETE ON submission_values FOR EACH ROW EXECUTE FUNCTION submission_values_dashboard();
--> statement-breakpoint

-- A year's scheme (schemes, scheme_indicators): every bureau-year of that year. Freezing or
-- unfreezing a scheme changes no figure (schemes_dashboard_update's WHEN).
CREATE FUNCTION scheme_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE y integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.year ELSE NEW.year END;
BEGIN
  UPDATE bureau_year_scores SET dirty = true WHERE year = y AND NOT dirty;
  PERFORM bump_dashboard_version(y);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER schemes_dashboard_insert AFTER INSERT ON schemes FOR EACH ROW EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint
CREATE TRIGGER schemes_dashboard_update AFTER UPDATE ON schemes FOR EACH ROW WHEN (NEW.frozen IS NOT DISTINCT FROM OLD.frozen) EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint
CREATE TRIGGER schemes_dashboard_delete AFTER DELETE ON schemes FOR EACH ROW EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint
CREATE TRIGGER scheme_indicators_dashboard_insert AFTER INSERT ON scheme_indicators FOR EACH ROW EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint
CREATE TRIGGER scheme_indicators_dashboard_update AFTER UPDATE ON scheme_indicators FOR EACH ROW EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint
CREATE TRIGGER scheme_indicators_dashboard_delete AFTER DELETE ON scheme_indicators FOR EACH ROW EXECUTE FUNCTION scheme_dashboard();
--> statement-breakpoint

-- A cycle: its year (a deleted one's rows go), and year 0 (the list of years).
CREATE FUNCTION cycles_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM bureau_year_scores WHERE year = OLD.year;
    PERFORM bump_dashboard_version(OLD.year);
  ELSE
    IF TG_OP = 'UPDATE' THEN UPDATE bureau_year_scores SET dirty = true WHERE year = NEW.year AND NOT dirty; END IF;
    PERFORM bump_dashboard_version(NEW.year);
  END IF;
  PERFORM bump_dashboard_version(0);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cycles_dashboard_insert AFTER INSERT ON cycles FOR EACH ROW EXECUTE FUNCTION cycles_dashboard();
--> statement-breakpoint
CREATE TRIGGER cycles_dashboard_update AFTER UPDATE ON cycles FOR EACH ROW
  WHEN (NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.publish_deadline IS DISTINCT FROM OLD.publish_deadline OR NEW.year IS DISTINCT FROM OLD.year)
  EXECUTE FUNCTION cycles_dashboard();
--> statement-breakpoint
CREATE TRIGGER cycles_dashboard_delete AFTER DELETE ON cycles FOR EACH ROW EXECUTE FUNCTION cycles_dashboard();
--> statement-breakpoint

-- The catalog: every bureau-year, and year 0.
CREATE FUNCTION indicators_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE bureau_year_scores SET dirty = true WHERE NOT dirty;
  PERFORM bump_dashboard_version(0);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER indicators_dashboard_insert AFTER INSERT ON indicators FOR EACH ROW EXECUTE FUNCTION indicators_dashboard();
--> statement-breakpoint
CREATE TRIGGER indicators_dashboard_update AFTER UPDATE ON indicators FOR EACH ROW EXECUTE FUNCTION indicators_dashboard();
--> statement-breakpoint
CREATE TRIGGER indicators_dashboard_delete AFTER DELETE ON indicators FOR EACH ROW EXECUTE FUNCTION indicators_dashboard();
--> statement-breakpoint

-- A bureau: year 0 (the scope cache of features/regions/scope.ts re-reads the tree on it); a deleted
-- one's rows go, and a change of what scores it (enforcement, category) marks its rows dirty.
CREATE FUNCTION bureaus_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM bureau_year_scores WHERE bureau_id = OLD.id;
  ELSIF TG_OP = 'UPDATE' AND (NEW.has_enforcement IS DISTINCT FROM OLD.has_enforcement OR NEW.category IS DISTINCT FROM OLD.category) THEN
    UPDATE bureau_year_scores SET dirty = true WHERE bureau_id = NEW.id AND NOT dirty;
  END IF;
  PERFORM bump_dashboard_version(0);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bureaus_dashboard_insert AFTER INSERT ON bureaus FOR EACH ROW EXECUTE FUNCTION bureaus_dashboard();
--> statement-breakpoint
CREATE TRIGGER bureaus_dashboard_update AFTER UPDATE ON bureaus FOR EACH ROW EXECUTE FUNCTION bureaus_dashboard();
--> statement-breakpoint
CREATE TRIGGER bureaus_dashboard_delete AFTER DELETE ON bureaus FOR EACH ROW EXECUTE FUNCTION bureaus_dashboard();
--> statement-breakpoint

-- A region: year 0.
CREATE FUNCTION regions_dashboard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_dashboard_version(0);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER regions_dashboard_insert AFTER INSERT ON regions FOR EACH ROW EXECUTE FUNCTION regions_dashboard();
--> statement-breakpoint
CREATE TRIGGER regions_dashboard_update AFTER UPDATE ON regions FOR EACH ROW EXECUTE FUNCTION regions_dashboard();
--> statement-breakpoint
CREATE TRIGGER regions_dashboard_delete AFTER DELETE ON regions FOR EACH ROW EXECUTE FUNCTION regions_dashboard();
--> statement-breakpoint

-- Append-only tables (SQLite migrations 0001, 0005, 0008): the review history is never updated (its
-- rows go with their submission), published results and the audit log are never updated or deleted.
-- TRUNCATE skips row triggers, so each also refuses it.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER submission_events_no_update BEFORE UPDATE ON submission_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER submission_events_no_truncate BEFORE TRUNCATE ON submission_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_versions_no_update BEFORE UPDATE ON result_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_versions_no_delete BEFORE DELETE ON result_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_versions_no_truncate BEFORE TRUNCATE ON result_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
-- Unlike SQLite's, the audit log's no_update refuses every update: a PostgreSQL database is chained
-- from its first row, so it has no rows from before the chain to seal.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint

-- The audit chain's hash, byte for byte the one audit-chain.ts registers on SQLite's connections:
-- HMAC-SHA256, keyed with AUDIT_HMAC_KEY (each connection's setting fazhi.audit_key; '' when unset),
-- over JSON.stringify([prev_hash, id, at, user_id, username, ip, action, object_type, object_id,
-- success, before, after]) of the row as SQLite stores it: success as 1/0, before and after as the
-- JSON text written (json keeps it verbatim). to_json escapes strings as JSON.stringify does.
CREATE FUNCTION audit_row_hash(prev_hash text, id integer, at text, user_id integer, username text, ip text, action text,
    object_type text, object_id text, success boolean, before json, after json) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(hmac(convert_to('[' || concat_ws(',',
      coalesce(to_json(prev_hash)::text, 'null'), coalesce(to_json(id)::text, 'null'), coalesce(to_json(at)::text, 'null'),
      coalesce(to_json(user_id)::text, 'null'), coalesce(to_json(username)::text, 'null'), coalesce(to_json(ip)::text, 'null'),
      coalesce(to_json(action)::text, 'null'), coalesce(to_json(object_type)::text, 'null'), coalesce(to_json(object_id)::text, 'null'),
      coalesce(to_json(success::integer)::text, 'null'), coalesce(to_json(before::text)::text, 'null'), coalesce(to_json(after::text)::text, 'null')
    ) || ']', 'UTF8'), convert_to(coalesce(current_setting('fazhi.audit_key', true), ''), 'UTF8'), 'sha256'), 'hex')
$$;
--> statement-breakpoint
-- A row continues the chain only with the very next id, a time no earlier than the last row's, the
-- last row's hash as prev_hash and its own right hash (SQLite migration 0010).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last audit_events%ROWTYPE;
BEGIN
  SELECT * INTO last FROM audit_events ORDER BY id DESC LIMIT 1;
  IF NEW.id IS DISTINCT FROM coalesce(last.id, 0) + 1
    OR NEW.at IS NULL OR NEW.at COLLATE "C" < coalesce(last.at, '')
    OR NEW.prev_hash IS DISTINCT FROM last.hash
    OR NEW.hash IS DISTINCT FROM audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.user_id, NEW.username, NEW.ip, NEW.action,
      NEW.object_type, NEW.object_id, NEW.success, NEW.before, NEW.after)
  THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Appends one row to the chain, as appendAuditRow does on SQLite: the next id, the later of now and the
-- last row's time (a clock set back does not stop every write), the last row's hash. The
-- transaction-scoped advisory lock keeps a second writer out until this one commits, so two
-- transactions never continue the chain from the same row.
CREATE FUNCTION audit_append(user_id integer, username text, ip text, action text, object_type text, object_id text,
    success boolean, before json, after json) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtext('audit_events'));
  WITH last AS (SELECT id, at, hash FROM audit_events ORDER BY id DESC LIMIT 1),
  next AS (
    SELECT coalesce((SELECT id FROM last), 0) + 1 AS id,
      greatest(to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') COLLATE "C", coalesce((SELECT at FROM last), '')) AS at,
      (SELECT hash FROM last) AS prev_hash
  )
  INSERT INTO audit_events (id, at, user_id, username, ip, action, object_type, object_id, success, before, after, prev_hash, hash)
  SELECT next.id, next.at, $1, $2, $3, $4, $5, $6, $7, $8, $9, next.prev_hash,
    audit_row_hash(next.prev_hash, next.id, next.at, $1, $2, $3, $4, $5, $6, $7, $8, $9)
  FROM next
$$;
