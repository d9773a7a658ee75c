CREATE TABLE `bureau_year_scores` (
	`year` integer NOT NULL,
	`bureau_id` integer NOT NULL,
	`submission_id` integer,
	`dirty` integer DEFAULT true NOT NULL,
	`status` text,
	`submitted_at` text,
	`score` real,
	`completion` real,
	`fill_rate` real,
	`cat_lead` real,
	`cat_study` real,
	`cat_review` real,
	`cat_publicity` real,
	`cat_disclosure` real,
	`cat_enforcement` real,
	`cat_oversight` real,
	`cat_rectification` real,
	`rect_total` integer DEFAULT 0 NOT NULL,
	`rect_not_started` integer DEFAULT 0 NOT NULL,
	`rect_in_progress` integer DEFAULT 0 NOT NULL,
	`rect_done` integer DEFAULT 0 NOT NULL,
	`rect_overdue` integer DEFAULT 0 NOT NULL,
	`indicator_values` text,
	`valid_from` integer,
	`valid_until` integer,
	PRIMARY KEY(`year`, `bureau_id`)
);
--> statement-breakpoint
CREATE INDEX `bureau_year_scores_dirty_idx` ON `bureau_year_scores` (`year`,`bureau_id`) WHERE "bureau_year_scores"."dirty" = 1;--> statement-breakpoint
CREATE TABLE `dashboard_versions` (
	`year` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Keeps bureau_year_scores and dashboard_versions current. Every change to an input of the dashboard
-- marks the bureau-year rows it affects dirty (features/dashboard/scores.ts recomputes them, in the
-- writing transaction or before the next read) and bumps the change counter of its year (0: all years).
-- Triggers rather than application code, so a change made by any writer (API, CLI, a second process,
-- a hand-run SQL statement) is seen.
INSERT INTO dashboard_versions (year, version) VALUES (0, 1);
--> statement-breakpoint
INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM cycles WHERE true ON CONFLICT (year) DO NOTHING;
--> statement-breakpoint
INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE true ON CONFLICT (year, bureau_id) DO NOTHING;
--> statement-breakpoint
INSERT INTO bureau_year_scores (year, bureau_id) SELECT DISTINCT year, bureau_id FROM rectification_items WHERE true ON CONFLICT (year, bureau_id) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `submission_values_dashboard_insert` AFTER INSERT ON `submission_values`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submission_values_dashboard_update` AFTER UPDATE ON `submission_values`
WHEN NEW.value IS NOT OLD.value OR NEW.not_applicable IS NOT OLD.not_applicable OR NEW.submission_id IS NOT OLD.submission_id OR NEW.indicator_code IS NOT OLD.indicator_code
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submission_values_dashboard_delete` AFTER DELETE ON `submission_values`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_dashboard_insert` AFTER INSERT ON `submissions`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_dashboard_update` AFTER UPDATE ON `submissions`
WHEN NEW.status IS NOT OLD.status OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.published_at IS NOT OLD.published_at OR NEW.year IS NOT OLD.year OR NEW.bureau_id IS NOT OLD.bureau_id
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_dashboard_delete` AFTER DELETE ON `submissions`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rectification_items_dashboard_insert` AFTER INSERT ON `rectification_items`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rectification_items_dashboard_update` AFTER UPDATE ON `rectification_items`
WHEN NEW.status IS NOT OLD.status OR NEW.deadline IS NOT OLD.deadline OR NEW.year IS NOT OLD.year OR NEW.bureau_id IS NOT OLD.bureau_id
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rectification_items_dashboard_delete` AFTER DELETE ON `rectification_items`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_dashboard_insert` AFTER INSERT ON `cycles`
BEGIN
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_dashboard_update` AFTER UPDATE ON `cycles`
WHEN NEW.due_date IS NOT OLD.due_date OR NEW.publish_deadline IS NOT OLD.publish_deadline OR NEW.year IS NOT OLD.year
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cycles_dashboard_delete` AFTER DELETE ON `cycles`
BEGIN
  DELETE FROM bureau_year_scores WHERE year = OLD.year;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_dashboard_insert` AFTER INSERT ON `indicator_targets`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_dashboard_update` AFTER UPDATE ON `indicator_targets`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_dashboard_delete` AFTER DELETE ON `indicator_targets`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = OLD.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_dashboard_insert` AFTER INSERT ON `indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_dashboard_update` AFTER UPDATE ON `indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_dashboard_delete` AFTER DELETE ON `indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureaus_dashboard_insert` AFTER INSERT ON `bureaus`
BEGIN
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureaus_dashboard_update` AFTER UPDATE ON `bureaus`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE bureau_id = NEW.id AND dirty = 0 AND NEW.has_enforcement IS NOT OLD.has_enforcement;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureaus_dashboard_delete` AFTER DELETE ON `bureaus`
BEGIN
  DELETE FROM bureau_year_scores WHERE bureau_id = OLD.id;
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `regions_dashboard_insert` AFTER INSERT ON `regions`
BEGIN
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `regions_dashboard_update` AFTER UPDATE ON `regions`
BEGIN
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `regions_dashboard_delete` AFTER DELETE ON `regions`
BEGIN
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
