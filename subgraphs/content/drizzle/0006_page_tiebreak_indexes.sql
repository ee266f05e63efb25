DROP INDEX `live_streams_creator`;--> statement-breakpoint
DROP INDEX `live_streams_status_viewers`;--> statement-breakpoint
CREATE INDEX `live_streams_status_viewers_id` ON `live_streams` (`status`,"viewer_count" desc,`id`);--> statement-breakpoint
DROP INDEX `videos_creator_published`;--> statement-breakpoint
CREATE INDEX `videos_creator_published_id` ON `videos` (`creator_id`,`published_at`,`id`);