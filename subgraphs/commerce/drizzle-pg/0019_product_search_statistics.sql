-- A sorted product search is one statement on Postgres, and its planner chooses how to read the
-- matches (a walk of the sort key's index for a common word, the matches through the GIN index and
-- a sort for a rare one) from the statistics of the documents' words. Autovacuum re-analyzes a
-- table after a tenth of its rows change: 20,000 products on a large catalogue, so a feed import
-- of a few thousand products with a new word would leave that word "rare" to the planner and its
-- searches reading every match. Here: after 1,000 rows and 1 % of the table.
ALTER TABLE "product_search" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
