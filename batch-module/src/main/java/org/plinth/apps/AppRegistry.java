package org.plinth.apps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.api.App;
import org.plinth.api.InProcessApp;
import org.plinth.api.ProcessApp;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;

/**
 * Every app the EAR carries, found through CDI: a plugin jar with an {@link App} bean is an app,
 * nothing is registered by hand. An admin may switch an app off or on at run time
 * ({@link AppSwitches}); without that, configuration decides ({@code plinth.apps.<id>.enabled},
 * default on). Configuration sets who may run it ({@code plinth.apps.<id>.roles=user,admin}).
 * A disabled app takes no new work (submit, start, restart, rerun: 409); jobs already accepted
 * still run to their end, so the batch steps look apps up with {@link #installed}.
 */
@ApplicationScoped
public class AppRegistry {

    private static final Logger LOG = Logger.getLogger(AppRegistry.class.getName());

    @Inject
    @Any
    Instance<App<?>> discovered;

    @Inject
    Config config;
    @Inject
    AppSwitches switches;

    private volatile Map<String, App<?>> apps;

    private Map<String, App<?>> apps() {
        Map<String, App<?>> found = apps;
        if (found == null) {
            Map<String, App<?>> byId = new LinkedHashMap<>();
            discovered.stream().sorted(Comparator.comparing(a -> a.info().id())).forEach(app -> {
                if (!(app instanceof ProcessApp<?>) && !(app instanceof InProcessApp<?>)) {
                    LOG.warning(() -> app.getClass().getName() + " implements neither ProcessApp nor InProcessApp; ignored");
                    return;
                }
                App<?> previous = byId.putIfAbsent(app.info().id(), app);
                if (previous != null) {
                    LOG.warning(() -> "two apps share the id " + app.info().id() + ": "
                            + previous.getClass().getName() + " and " + app.getClass().getName() + "; keeping the first");
                }
            });
            apps = found = Map.copyOf(byId);
        }
        return found;
    }

    /** Enabled apps, sorted by id. */
    public List<App<?>> enabled() {
        return all().stream().filter(this::isEnabled).toList();
    }

    /** Every app the EAR carries, enabled or not, sorted by id. */
    public List<App<?>> all() {
        return apps().values().stream().sorted(Comparator.comparing(a -> a.info().id())).toList();
    }

    public Optional<App<?>> find(String id) {
        App<?> app = apps().get(id);
        return app != null && isEnabled(app) ? Optional.of(app) : Optional.empty();
    }

    /** An enabled app; 404 for an unknown one, 409 for one that is switched off. */
    public App<?> require(String id) {
        App<?> app = apps().get(id);
        if (app == null) {
            throw ProblemException.notFound("no app named '" + id + "'");
        }
        if (!isEnabled(app)) {
            throw ProblemException.conflict("the app '" + id + "' is disabled"
                    + switches.of(id).map(s -> " by " + s.changedBy() + " since " + s.changedAt().toInstant())
                            .orElse(" (plinth.apps." + id + ".enabled)") + "; it takes no new jobs");
        }
        return app;
    }

    /** The app a job was accepted for, enabled or not: its steps still need it. 404 if the EAR lost it. */
    public App<?> installed(String id) {
        App<?> app = apps().get(id);
        if (app == null) {
            throw ProblemException.notFound("no app named '" + id + "'");
        }
        return app;
    }

    public boolean isEnabled(App<?> app) {
        return switches.of(app.info().id()).map(AppSwitches.AppSwitch::enabled).orElseGet(() -> enabledByConfig(app));
    }

    /** What configuration says, whatever an admin chose. */
    public boolean enabledByConfig(App<?> app) {
        return config.getOptionalValue("plinth.apps." + app.info().id() + ".enabled", Boolean.class).orElse(true);
    }

    /** Roles that may run the app; empty means any authenticated user. */
    public Set<String> roles(App<?> app) {
        return config.getOptionalValue("plinth.apps." + app.info().id() + ".roles", String.class)
                .map(s -> Set.of(s.trim().split("\\s*,\\s*")))
                .orElse(app.defaultRoles());
    }

    public boolean mayRun(Caller caller, App<?> app) {
        Set<String> roles = roles(app);
        return roles.isEmpty() || roles.stream().anyMatch(caller.roles()::contains);
    }
}
