package org.plinth.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an app is called and what it does.
 *
 * @param id          stable identifier used in URLs and job requests, lower case ({@code script})
 * @param version     the app's version (plugin version, or the tool's)
 * @param title       a short human name
 * @param description a paragraph for the app list and the describe document
 */
public record AppInfo(String id, String version, String title, String description) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public AppInfo {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("app id must match " + ID + ": " + id);
        }
        Objects.requireNonNull(version, "version");
        title = title == null ? id : title;
        description = description == null ? "" : description;
    }
}
