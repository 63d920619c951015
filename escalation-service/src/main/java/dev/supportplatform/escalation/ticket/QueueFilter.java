package dev.supportplatform.escalation.ticket;

import java.util.List;

/** What a queue listing selects and how it orders and pages it. */
public record QueueFilter(List<Status> statuses, List<Priority> priorities, List<Reason> reasons, String assignee,
                          Boolean unassigned, Integer minAgeMinutes, Integer maxAgeMinutes, Boolean slaBreached,
                          Sort sort, int page, int pageSize) {

    public enum Sort { OLDEST, NEWEST, SLA_DUE, PRIORITY }
}
