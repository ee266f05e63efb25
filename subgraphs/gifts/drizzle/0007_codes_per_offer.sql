DROP INDEX `gift_offer_codes_code_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `gift_offer_codes_offer_code` ON `gift_offer_codes` (`offer_id`,`code`);--> statement-breakpoint
CREATE INDEX `gift_offers_brand` ON `gift_offers` (`brand_id`,`starts_at`,`id`);