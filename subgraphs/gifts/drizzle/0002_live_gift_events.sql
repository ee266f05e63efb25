CREATE TABLE `live_event_topics` (
	`topic` text PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL,
	`pruned_through` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `live_events` (
	`topic` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`topic`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `live_events_created` ON `live_events` (`created_at`);--> statement-breakpoint
ALTER TABLE `live_gift_sends` ADD `combo` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `live_gift_sends` ADD `event_seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `live_gift_sends_stream_event` ON `live_gift_sends` (`live_stream_id`,`event_seq`);