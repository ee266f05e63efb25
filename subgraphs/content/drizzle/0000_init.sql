CREATE TABLE `live_streams` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`viewer_count` integer DEFAULT 0 NOT NULL,
	`scheduled_for` integer,
	`started_at` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `live_streams_creator` ON `live_streams` (`creator_id`);--> statement-breakpoint
CREATE INDEX `live_streams_status_viewers` ON `live_streams` (`status`,`viewer_count`);--> statement-breakpoint
CREATE TABLE `video_likes` (
	`user_id` text NOT NULL,
	`video_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`video_id`, `user_id`),
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `videos` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`caption` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`thumbnail_url` text NOT NULL,
	`playback_url` text NOT NULL,
	`view_count` integer DEFAULT 0 NOT NULL,
	`hashtags` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `videos_creator_published` ON `videos` (`creator_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `videos_published_id` ON `videos` (`published_at`,`id`);