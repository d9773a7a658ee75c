CREATE TABLE `report_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`file_name` text NOT NULL,
	`text` text NOT NULL,
	`extraction` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_imports_bureau_year_idx` ON `report_imports` (`bureau_id`,`year`,`id`);