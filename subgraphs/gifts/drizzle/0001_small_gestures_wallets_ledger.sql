CREATE TABLE `coin_purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`package_id` text NOT NULL,
	`coins` integer NOT NULL,
	`price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`payment_method` text,
	`status` text NOT NULL,
	`provider_charge_id` text,
	`decline_reason` text,
	`created_at` integer NOT NULL,
	`settled_at` integer,
	CONSTRAINT "coin_purchases_coins_positive" CHECK("coin_purchases"."coins" > 0),
	CONSTRAINT "coin_purchases_price_not_negative" CHECK("coin_purchases"."price_amount" >= 0),
	CONSTRAINT "coin_purchases_status" CHECK("coin_purchases"."status" in ('PENDING', 'COMPLETED', 'DECLINED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coin_purchases_provider_charge_id_unique` ON `coin_purchases` (`provider_charge_id`);--> statement-breakpoint
CREATE INDEX `coin_purchases_user` ON `coin_purchases` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`operation` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` text NOT NULL,
	`account` text NOT NULL,
	`unit` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `ledger_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount_not_zero" CHECK("ledger_entries"."amount" <> 0),
	CONSTRAINT "ledger_entries_unit" CHECK("ledger_entries"."unit" in ('COIN', 'DIAMOND'))
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_transaction` ON `ledger_entries` (`transaction_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account`,`unit`);--> statement-breakpoint
CREATE TABLE `ledger_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reference_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_transactions_reference` ON `ledger_transactions` (`kind`,`reference_id`);--> statement-breakpoint
CREATE TABLE `small_gesture_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`code_id` integer NOT NULL,
	`sender_id` text NOT NULL,
	`sender_slot` integer NOT NULL,
	`recipient_id` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`redeemed_at` integer,
	FOREIGN KEY (`offer_id`) REFERENCES `gift_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`code_id`) REFERENCES `gift_offer_codes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "small_gesture_sends_slot_in_limit" CHECK("small_gesture_sends"."sender_slot" between 1 and 3),
	CONSTRAINT "small_gesture_sends_message_length" CHECK(length("small_gesture_sends"."message") <= 150),
	CONSTRAINT "small_gesture_sends_not_to_self" CHECK("small_gesture_sends"."sender_id" <> "small_gesture_sends"."recipient_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `small_gesture_sends_code_id_unique` ON `small_gesture_sends` (`code_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `small_gesture_sends_sender_slot` ON `small_gesture_sends` (`sender_id`,`sender_slot`);--> statement-breakpoint
CREATE INDEX `small_gesture_sends_recipient` ON `small_gesture_sends` (`recipient_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `small_gesture_sends_offer` ON `small_gesture_sends` (`offer_id`,`redeemed_at`);--> statement-breakpoint
CREATE TABLE `wallets` (
	`user_id` text PRIMARY KEY NOT NULL,
	`coins` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "wallets_coins_not_negative" CHECK("wallets"."coins" >= 0)
);
--> statement-breakpoint
CREATE INDEX `live_gift_sends_creator_sender` ON `live_gift_sends` (`creator_id`,`sender_id`);