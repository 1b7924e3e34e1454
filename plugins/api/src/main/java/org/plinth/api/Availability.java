package org.plinth.api;

/**
 * Whether an app can run on this host.
 *
 * @param available   true when every tool the app needs is present
 * @param reason      for an unavailable app, what to do ("install source-extractor"); else null
 * @param toolVersion version of the tool found, when there is one
 */
public record Availability(boolean available, String reason, String toolVersion) {

    public static Availability available(String toolVersion) {
        return new Availability(true, null, toolVersion);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason, null);
    }
}
