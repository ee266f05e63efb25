-- Product search with prefix indexes: a search's last word also matches as the start of a longer
-- word (typing ahead), and FTS5 without a prefix index answers a prefix by reading every matching
-- term's whole doclist into memory, so a word most products hold cost what it matched (30 ms for a
-- word in 200,000 products). With an index for prefixes of 1 to 8 characters, such a prefix is one
-- stored doclist, read as far as needed like a whole word's. The table is rebuilt from the old one
-- (same rowids, same columns) and the triggers of 0010 are made again over it.
CREATE VIRTUAL TABLE `product_search_prefixed` USING fts5(title, description, brand_name, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8');
--> statement-breakpoint
INSERT INTO `product_search_prefixed` (rowid, title, description, brand_name) SELECT rowid, title, description, brand_name FROM `product_search`;
--> statement-breakpoint
DROP TRIGGER `products_search_insert`;
--> statement-breakpoint
DROP TRIGGER `products_search_update`;
--> statement-breakpoint
DROP TRIGGER `products_search_delete`;
--> statement-breakpoint
DROP TRIGGER `brands_search_rename`;
--> statement-breakpoint
DROP TABLE `product_search`;
--> statement-breakpoint
ALTER TABLE `product_search_prefixed` RENAME TO `product_search`;
--> statement-breakpoint
CREATE TRIGGER `products_search_insert` AFTER INSERT ON `products` BEGIN
	INSERT INTO `product_search_rows` (`product_id`) VALUES (new.`id`);
	INSERT INTO `product_search` (rowid, title, description, brand_name)
		VALUES ((SELECT `doc` FROM `product_search_rows` WHERE `product_id` = new.`id`), new.`title`, new.`description`, (SELECT `name` FROM `brands` WHERE `id` = new.`brand_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `products_search_update` AFTER UPDATE OF `title`, `description`, `brand_id` ON `products` BEGIN
	UPDATE `product_search` SET title = new.`title`, description = new.`description`, brand_name = (SELECT `name` FROM `brands` WHERE `id` = new.`brand_id`)
		WHERE rowid = (SELECT `doc` FROM `product_search_rows` WHERE `product_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `products_search_delete` AFTER DELETE ON `products` BEGIN
	DELETE FROM `product_search` WHERE rowid = (SELECT `doc` FROM `product_search_rows` WHERE `product_id` = old.`id`);
	DELETE FROM `product_search_rows` WHERE `product_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `brands_search_rename` AFTER UPDATE OF `name` ON `brands` BEGIN
	UPDATE `product_search` SET brand_name = new.`name`
		WHERE rowid IN (SELECT r.`doc` FROM `products` p JOIN `product_search_rows` r ON r.`product_id` = p.`id` WHERE p.`brand_id` = new.`id`);
END;
