ALTER TABLE `users` ADD `topic` text;--> statement-breakpoint
CREATE INDEX `users_creator_followers` ON `users` (`is_creator`,`follower_count`,`id`);--> statement-breakpoint
CREATE INDEX `users_creator_topic_followers` ON `users` (`is_creator`,`topic`,`follower_count`,`id`);