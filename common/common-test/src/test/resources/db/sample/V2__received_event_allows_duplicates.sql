-- The recorder must not reject duplicates itself: the tests check that the inbox does.
alter table received_event drop constraint received_event_pkey;
alter table received_event add column id bigserial primary key;
