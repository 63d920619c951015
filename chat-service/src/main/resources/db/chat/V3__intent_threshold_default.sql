-- A tenant's out-of-scope threshold is null until the tenant sets one: then the service's default applies and follows
-- it when it changes. The default moved from 0.5 to 0.2 when the classifier gained word n-grams and a warmer softmax
-- (its confidences spread over more intents); rows holding the old default were never set by their tenant on purpose
-- in all likelihood, so they return to the default.
alter table intent_model alter column threshold drop not null;
update intent_model set threshold = null where threshold = 0.5;
