package org.plinth.api;

import java.util.Set;

/**
 * An app hosted by Plinth. Implementations are CDI beans (for example {@code @ApplicationScoped})
 * in a plugin jar with a {@code META-INF/beans.xml}; the host finds every one of them, so adding
 * the jar to the EAR adds the app.
 *
 * <p>An app does not implement this interface directly but one of its two shapes:
 * {@link InProcessApp} (pure Java, run by the host on a managed thread) or {@link ProcessApp}
 * (writes input files and returns a command that the host's executor runs). The interface is
 * not sealed only because CDI's client proxies must implement it; the host ignores an app that
 * implements neither shape.
 *
 * @param <I> the app's inputs: a record whose components carry Bean Validation constraints and
 *            the annotations of this package; the host derives the JSON Schema, the request
 *            validation and the OpenAPI description from it.
 */
public interface App<I extends Record> {

    /** Identity and documentation of the app. */
    AppInfo info();

    /** The record type of the app's inputs. */
    Class<I> inputType();

    /** Resources a job gets when its request names none. */
    default Resources defaultResources() {
        return Resources.DEFAULT;
    }

    /**
     * Roles allowed to run this app when configuration says nothing; empty means every
     * authenticated user. The host's configuration ({@code plinth.apps.<id>.roles}) overrides it.
     */
    default Set<String> defaultRoles() {
        return Set.of();
    }

    /** Whether the app can run here (a tool's binary found, its version), asked when described. */
    default Availability availability() {
        return Availability.available(info().version());
    }
}
