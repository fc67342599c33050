package io.lyss.command.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** JSON bodies of the admin API. */
final class AdminRequests {

    private AdminRequests() {}

    record CreateWorkspaceRequest(@NotBlank @Size(max = 200) String name) {}

    record AddChannelRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank String provider,
            @Size(max = 2000) String baseUrl,
            @NotEmpty List<@NotBlank @Size(max = 200) String> models,
            @Min(-1000) @Max(1000) Integer priority,
            @Min(1) @Max(10000) Integer weight,
            @Size(max = 4000) String apiKey) {

        @Override
        public String toString() {
            return "AddChannelRequest[" + name + ", " + provider + ", secret redacted]";
        }
    }

    record IssueApiKeyRequest(@NotBlank @Size(max = 200) String name, List<@NotBlank @Size(max = 200) String> models) {}
}
