package io.lyss.query.replay;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/** Every read model of the query side, by name; starts and stops their runners with the application. */
public final class ReadModels implements SmartLifecycle {

    private volatile boolean running;

    private final Map<String, ReadModel> byName = new LinkedHashMap<>();

    public ReadModels(List<ReadModel> models) {
        models.forEach(model -> byName.put(model.name(), model));
    }

    public Optional<ReadModel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ReadModel> all() {
        return byName.values();
    }

    @Override
    public void start() {
        byName.values().forEach(model -> model.runner().start());
        running = true;
    }

    @Override
    public void stop() {
        byName.values().forEach(model -> model.runner().stop());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
