-- The governance events of the store, in stored order, for the command side's access views to replay at start
-- without reading every turn (ADR 0043). Partial: the rows of turns and spends are not in it, so recording pays
-- nothing for it but the check of the predicate.
CREATE INDEX domain_event_governance ON domain_event_entry (global_index)
    WHERE payload_type LIKE 'io.lyss.events.governance.%';
