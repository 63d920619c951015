-- Only applied when knowledge.vector-store=pgvector. The HNSW index holds half-precision copies of the embeddings
-- (pgvector's halfvec): at 100,000 chunks it is 112 instead of 195 MB, small enough to stay in PostgreSQL's default
-- 128 MB of shared buffers, and adding a chunk to it costs 0.4 instead of 1.1 ms (bench/RESULTS.md). Searches order
-- their candidates by this index and compute the similarities they report from the full-precision column.
-- Both statements run concurrently (outside a transaction): an existing installation keeps ingesting while the new
-- index is built, and instances still running the previous version keep their index until it is built.
create index concurrently if not exists chunks_embedding_halfvec_hnsw on chunks using hnsw ((embedding::halfvec(384)) halfvec_cosine_ops);
drop index concurrently if exists chunks_embedding_hnsw;
