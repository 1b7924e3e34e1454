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
 * nothing is registered by hand. Configuration may disable an app
 * ({@code plinth.apps.<id>.enabled=false}) or set who may run it
 * ({@code plinth.apps.<id>.roles=user,admin}).
 */
@ApplicationScoped
public class AppRegistry {

    private static final Logger LOG = Logger.getLogger(AppRegistry.class.getName());

    @Inject
    @Any
    Instance<App<?>> discovered;

    @Inject
    Config config;

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
        return apps().values().stream().filter(this::isEnabled)
                .sorted(Comparator.comparing(a -> a.info().id())).toList();
    }

    public Optional<App<?>> find(String id) {
        App<?> app = apps().get(id);
        return app != null && isEnabled(app) ? Optional.of(app) : Optional.empty();
    }

    public App<?> require(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("no app named '" + id + "'"));
    }

    public boolean isEnabled(App<?> app) {
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
