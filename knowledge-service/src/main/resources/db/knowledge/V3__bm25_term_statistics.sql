-- BM25 for the full-text side. PostgreSQL's ts_rank has no inverse document frequency, so each tenant keeps how
-- many of its chunks contain each lexeme and the size of its corpus; ChunkStore maintains both in the transaction
-- that inserts or deletes chunks. A chunk's length is its number of distinct lexemes (length(tsv)); the score itself
-- is computed by the service from each candidate's matched lexemes (QueryTerms).
create table term_stats (
    tenant_id text    not null,
    lexeme    text    not null,
    chunks    integer not null,
    primary key (tenant_id, lexeme)
);

create table corpus_stats (
    tenant_id text   primary key,
    chunks    bigint not null,
    lexemes   bigint not null
);

insert into term_stats (tenant_id, lexeme, chunks)
select c.tenant_id, t.lexeme, count(*) from chunks c, unnest(tsvector_to_array(c.tsv)) as t(lexeme) group by 1, 2;
insert into corpus_stats (tenant_id, chunks, lexemes)
select tenant_id, count(*), sum(length(tsv)) from chunks group by tenant_id;
