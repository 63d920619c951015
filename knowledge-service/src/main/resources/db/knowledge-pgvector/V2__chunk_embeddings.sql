-- Only applied when knowledge.vector-store=pgvector (see application.yml's flyway locations).
alter table chunks add column embedding vector(384);
create index chunks_embedding_hnsw on chunks using hnsw (embedding vector_cosine_ops);
