CREATE INDEX `creator_catalogs_catalog` ON `creator_catalogs` (`catalog_id`);--> statement-breakpoint
CREATE INDEX `order_lines_product` ON `order_lines` (`product_id`);