-- Only applied when knowledge.vector-store=pgvector. The embedding of a document's title (articles, titled texts):
-- search blends it into the similarity of each of the document's chunks (SEARCH_TITLE_WEIGHT).
alter table documents add column title_embedding vector(384);
