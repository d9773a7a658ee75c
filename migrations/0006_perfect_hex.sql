CREATE TABLE `scheme_indicators` (
	`year` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text,
	`target` real,
	`weight` real NOT NULL,
	`enforcement_only` integer DEFAULT false NOT NULL,
	`applies_to` text,
	`rule` text DEFAULT '{"kind":"attainment"}' NOT NULL,
	`plausible_min` real,
	`plausible_max` real,
	`yoy_min_change` real,
	`sort_order` integer NOT NULL,
	PRIMARY KEY(`year`, `indicator_code`),
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_indicators_weight_check" CHECK("scheme_indicators"."weight" >= 0),
	CONSTRAINT "scheme_indicators_direction_check" CHECK("scheme_indicators"."direction" is null or direction in ('higher', 'lower'))
);
--> statement-breakpoint
CREATE TABLE `schemes` (
	`year` integer PRIMARY KEY NOT NULL,
	`categories` text NOT NULL,
	`grades` text NOT NULL,
	`excellent_quota` real,
	`bonus_cap` real DEFAULT 0 NOT NULL,
	`late_deduction` real DEFAULT 0 NOT NULL,
	`code_map` text DEFAULT '[]' NOT NULL,
	`frozen` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Every existing year gets its scheme as it was scored: the catalog with that year's overrides, every rule 达成度 (attainment).
INSERT INTO `schemes` (`year`, `categories`, `grades`, `frozen`) SELECT `year`, '[{"code":"lead","name":"第一责任人职责"},{"code":"study","name":"学法用法"},{"code":"review","name":"依法决策"},{"code":"publicity","name":"普法宣传"},{"code":"disclosure","name":"政务公开"},{"code":"enforcement","name":"行政执法"},{"code":"oversight","name":"监督问责"},{"code":"rectification","name":"整改落实"}]', '[{"grade":"优秀","min":90},{"grade":"良好","min":80},{"grade":"合格","min":60}]', `year` IN (SELECT `year` FROM `result_versions`) FROM `cycles`;
--> statement-breakpoint
INSERT INTO `scheme_indicators` (`year`, `indicator_code`, `category`, `name`, `unit`, `direction`, `target`, `weight`, `enforcement_only`, `plausible_min`, `plausible_max`, `yoy_min_change`, `sort_order`)
SELECT c.`year`, i.`code`, i.`category`, i.`name`, i.`unit`, i.`direction`,
       CASE WHEN t.`weight` IS NOT NULL AND t.`target` IS NOT NULL THEN t.`target` ELSE i.`default_target` END,
       coalesce(t.`weight`, i.`default_weight`), i.`enforcement_only`, i.`plausible_min`, i.`plausible_max`, i.`yoy_min_change`, i.`sort_order`
  FROM `cycles` c CROSS JOIN `indicators` i LEFT JOIN `indicator_targets` t ON t.`year` = c.`year` AND t.`indicator_code` = i.`code`;
--> statement-breakpoint
DROP TABLE `indicator_targets`;
--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `bonus` real;
--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `deduction` real;
--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `grade_cap` text;
--> statement-breakpoint
ALTER TABLE `bureaus` ADD `category` text;
--> statement-breakpoint
ALTER TABLE `bureaus` ADD `active_from` integer DEFAULT 2000 NOT NULL;
--> statement-breakpoint
ALTER TABLE `bureaus` ADD `active_until` integer CONSTRAINT `bureaus_years_check` CHECK (`active_until` IS NULL OR `active_until` >= `active_from`);
--> statement-breakpoint
ALTER TABLE `bureaus` ADD `successor_id` integer REFERENCES `bureaus`(`id`);
--> statement-breakpoint
ALTER TABLE `bureaus` ADD `version` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
-- A deactivated bureau existed until its last report (or the year before the first cycle).
UPDATE `bureaus` SET `active_until` = max(2000, coalesce((SELECT max(s.`year`) FROM `submissions` s WHERE s.`bureau_id` = `bureaus`.`id`), (SELECT min(`year`) - 1 FROM `cycles`), 2000))
 WHERE `active` = 0;
--> statement-breakpoint
ALTER TABLE `bureaus` DROP COLUMN `active`;
--> statement-breakpoint
CREATE INDEX `bureaus_successor_idx` ON `bureaus` (`successor_id`);
--> statement-breakpoint
DROP TRIGGER `bureaus_dashboard_update`;
--> statement-breakpoint
CREATE TRIGGER `bureaus_dashboard_update` AFTER UPDATE ON `bureaus`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE bureau_id = NEW.id AND dirty = 0 AND (NEW.has_enforcement IS NOT OLD.has_enforcement OR NEW.category IS NOT OLD.category);
  INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schemes_dashboard_insert` AFTER INSERT ON `schemes`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schemes_dashboard_update` AFTER UPDATE ON `schemes`
WHEN NEW.frozen IS OLD.frozen
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schemes_dashboard_delete` AFTER DELETE ON `schemes`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = OLD.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `scheme_indicators_dashboard_insert` AFTER INSERT ON `scheme_indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `scheme_indicators_dashboard_update` AFTER UPDATE ON `scheme_indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = NEW.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `scheme_indicators_dashboard_delete` AFTER DELETE ON `scheme_indicators`
BEGIN
  UPDATE bureau_year_scores SET dirty = 1 WHERE year = OLD.year AND dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
-- Every stored figure is computed again under the schemes (bonus, deduction and grade cap are new).
UPDATE `bureau_year_scores` SET `dirty` = 1;--> statement-breakpoint
INSERT INTO dashboard_versions (year, version) VALUES (0, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
