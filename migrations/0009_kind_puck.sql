CREATE TABLE `login_throttles` (
	`username` text PRIMARY KEY NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_attempt_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_throttles_last_attempt_idx` ON `login_throttles` (`last_attempt_at`);