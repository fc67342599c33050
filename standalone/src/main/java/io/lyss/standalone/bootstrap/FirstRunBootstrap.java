package io.lyss.standalone.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.command.admin.ChannelSpec;
import io.lyss.command.admin.GovernanceAdmin;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start of a standalone platform: a demo workspace, its channels (a real provider when a key is in
 * the environment, else the demo provider) and a virtual key, written to the state file for {@code ./lyss up}
 * to print. Goes through the same admin service as the admin API, so everything is evented.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
class FirstRunBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunBootstrap.class);

    private final GovernanceAdmin admin;
    private final BootstrapProperties properties;
    private final ObjectMapper json;

    FirstRunBootstrap(GovernanceAdmin admin, BootstrapProperties properties, ObjectMapper json) {
        this.admin = admin;
        this.properties = properties;
        this.json = json;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) throws IOException {
        Path stateFile = properties.stateFile();
        if (stateFile == null || Files.exists(stateFile)) {
            return;
        }
        int port = ((WebServerApplicationContext) ready.getApplicationContext())
                .getWebServer()
                .getPort();
        var provenance =
                new Provenance(Actor.system("bootstrap"), UUID.randomUUID().toString());
        String workspaceId = admin.createWorkspace("Demo workspace", provenance);
        List<String> models = new ArrayList<>();
        for (ChannelSpec channel : FirstChannels.from(properties, port)) {
            admin.addChannel(workspaceId, channel, provenance);
            models.addAll(channel.models());
        }
        var key = admin.issueApiKey(workspaceId, "demo key", List.of(), provenance);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("workspaceId", workspaceId);
        state.put("keyId", key.id());
        state.put("key", key.key());
        state.put("models", models);
        write(stateFile, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        LOG.info(
                "First run: created workspace {} with models {} and key {} (the key is in {})",
                workspaceId,
                models,
                key.id(),
                stateFile);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".bootstrap",
                ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, content);
        Files.move(temporary, file);
    }
}
