-- Edited by hand: existing streams get their sort time from the rule (`streamSortTime`).
ALTER TABLE `live_streams` ADD `sort_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `live_streams` SET `sort_at` = coalesce(`started_at`, `scheduled_for`, 0);--> statement-breakpoint
CREATE INDEX `live_streams_creator_sort` ON `live_streams` (`creator_id`,`sort_at`,`id`);
