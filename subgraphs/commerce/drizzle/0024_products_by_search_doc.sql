-- A search by relevance, or a rare word's matches sorted whole, joins each FTS5 match to its
-- product: a lookup in product_search_rows by doc id, then one in products by id, then the
-- product's row for its status. The product row holds its doc id (0023); an index on it holding
-- the status and the id makes the join one read of an index entry, the row not read at all ("104"
-- by relevance, 200 candidates of 200,000 products: 0.52 -> 0.37 ms at the store).
CREATE INDEX `products_search_doc` ON `products` (`search_doc`,`status`,`id`);
