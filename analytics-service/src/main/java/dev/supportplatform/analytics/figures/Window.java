package dev.supportplatform.analytics.figures;

import dev.supportplatform.common.service.web.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A time range [start, end) of figures, and the tenant time zone its days are counted in. Rollups are kept per
 * 15-minute bucket, so a range counts the buckets that overlap it.
 */
public record Window(Instant start, Instant end, ZoneId zone) {

    /** The start moves back to its bucket's start, so a bucket counts when any part of it is in the range. */
    public Window {
        start = dev.supportplatform.analytics.ingest.Buckets.of(start);
    }

    /** Longest range a request may ask for: ten years. */
    static final long MAX_DAYS = 3660;

    public static Window of(Instant start, Instant end, ZoneId zone) {
        return new Window(start, end, zone);
    }

    /** All time up to now (and a day beyond, for clocks that run ahead of ours). */
    public static Window allTime(ZoneId zone, Instant now) {
        return new Window(Instant.EPOCH, now.plusSeconds(86_400), zone);
    }

    /** The last {@code days} local days including today, up to now. */
    public static Window lastDays(int days, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return new Window(today.minusDays(days - 1L).atStartOfDay(zone).toInstant(), now.plusSeconds(1), zone);
    }

    public LocalDate firstDay() {
        return LocalDate.ofInstant(start, zone);
    }

    /** The last local day that has any instant in the range. */
    public LocalDate lastDay() {
        return LocalDate.ofInstant(end.minusNanos(1), zone);
    }

    /**
     * Parses a request's start/end: a date (a whole local day; an end date includes that day), a date-time with an
     * offset or Z, or a local date-time in the tenant's zone. Either may be missing (then the default applies).
     */
    public static Window parse(String startText, String endText, String startParam, String endParam, ZoneId zone, Window defaults) {
        Instant start = startText == null || startText.isBlank() ? defaults.start() : instant(startText, startParam, zone, false);
        Instant end = endText == null || endText.isBlank() ? defaults.end() : instant(endText, endParam, zone, true);
        if (!end.isAfter(start)) {
            throw ApiException.invalid(endParam, endParam + " must be after " + startParam);
        }
        if (java.time.Duration.between(start, end).toDays() > MAX_DAYS) {
            throw ApiException.invalid(endParam, "The range from " + startParam + " to " + endParam + " may span at most " + MAX_DAYS + " days");
        }
        return new Window(start, end, zone);
    }

    static Instant instant(String text, String param, ZoneId zone, boolean endOfRange) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfRange ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T10:00:00Z), got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }
}
