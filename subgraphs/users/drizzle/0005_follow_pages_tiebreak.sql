DROP INDEX `follows_followee_created`;--> statement-breakpoint
DROP INDEX `follows_follower_created`;--> statement-breakpoint
CREATE INDEX `follows_followee_created_follower` ON `follows` (`followee_id`,`created_at`,`follower_id`);--> statement-breakpoint
CREATE INDEX `follows_follower_created_followee` ON `follows` (`follower_id`,`created_at`,`followee_id`);