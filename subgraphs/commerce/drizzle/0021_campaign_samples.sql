CREATE TABLE `campaign_fees` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`payable_at` integer NOT NULL,
	`payout_id` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payout_id`) REFERENCES `commission_payouts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaign_fees_amount_positive" CHECK("campaign_fees"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_fees_one` ON `campaign_fees` (`campaign_id`,`creator_id`);--> statement-breakpoint
CREATE INDEX `campaign_fees_creator` ON `campaign_fees` (`creator_id`,`payable_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_fees_payout` ON `campaign_fees` (`payout_id`);--> statement-breakpoint
CREATE TABLE `campaign_samples` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`brand_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`product_id` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decide_by` integer NOT NULL,
	`decided_at` integer,
	`carrier` text,
	`tracking_number` text,
	`shipped_at` integer,
	`delivered_at` integer,
	`delivered_by` text,
	`content_due_at` integer,
	`fulfilled_at` integer,
	`content_kind` text,
	`content_id` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_samples_one` ON `campaign_samples` (`campaign_id`,`creator_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `campaign_samples_creator` ON `campaign_samples` (`creator_id`,`requested_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_samples_campaign` ON `campaign_samples` (`campaign_id`,`requested_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_samples_due` ON `campaign_samples` (`status`,`content_due_at`);--> statement-breakpoint
CREATE INDEX `campaign_samples_product` ON `campaign_samples` (`product_id`);--> statement-breakpoint
CREATE TABLE `creator_fulfilment` (
	`creator_id` text PRIMARY KEY NOT NULL,
	`fulfilled` integer DEFAULT 0 NOT NULL,
	`missed` integer DEFAULT 0 NOT NULL
);
