-- Every send so far went to a user: no claim link, nothing claimed (drizzle-kit's copy named the new columns on the old table).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_small_gesture_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`code_id` integer,
	`sender_id` text NOT NULL,
	`sender_slot` integer,
	`recipient_id` text,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`redeemed_at` integer,
	`claim_expires_at` integer,
	`claimed_at` integer,
	FOREIGN KEY (`offer_id`) REFERENCES `gift_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`code_id`) REFERENCES `gift_offer_codes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "small_gesture_sends_slot_in_limit" CHECK("__new_small_gesture_sends"."sender_slot" between 1 and 3),
	CONSTRAINT "small_gesture_sends_message_length" CHECK(length("__new_small_gesture_sends"."message") <= 150),
	CONSTRAINT "small_gesture_sends_not_to_self" CHECK("__new_small_gesture_sends"."sender_id" <> "__new_small_gesture_sends"."recipient_id"),
	CONSTRAINT "small_gesture_sends_recipient_or_link" CHECK("__new_small_gesture_sends"."recipient_id" is not null or "__new_small_gesture_sends"."claim_expires_at" is not null)
);
--> statement-breakpoint
INSERT INTO `__new_small_gesture_sends`("id", "offer_id", "code_id", "sender_id", "sender_slot", "recipient_id", "message", "created_at", "redeemed_at", "claim_expires_at", "claimed_at") SELECT "id", "offer_id", "code_id", "sender_id", "sender_slot", "recipient_id", "message", "created_at", "redeemed_at", NULL, NULL FROM `small_gesture_sends`;--> statement-breakpoint
DROP TABLE `small_gesture_sends`;--> statement-breakpoint
ALTER TABLE `__new_small_gesture_sends` RENAME TO `small_gesture_sends`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `small_gesture_sends_code_id_unique` ON `small_gesture_sends` (`code_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `small_gesture_sends_sender_slot` ON `small_gesture_sends` (`sender_id`,`sender_slot`);--> statement-breakpoint
CREATE INDEX `small_gesture_sends_recipient` ON `small_gesture_sends` (`recipient_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `small_gesture_sends_sender` ON `small_gesture_sends` (`sender_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `small_gesture_sends_offer` ON `small_gesture_sends` (`offer_id`,`redeemed_at`);