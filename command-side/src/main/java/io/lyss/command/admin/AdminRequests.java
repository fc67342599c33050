package io.lyss.command.admin;

import io.lyss.events.governance.WorkspaceRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

    record IssueApiKeyRequest(
            @NotBlank @Size(max = 200) String name,
            List<@NotBlank @Size(max = 200) String> models,
            @Size(max = 100) String ownerUserId,
            Instant expiresAt) {}

    record ChangeModelsRequest(@NotNull List<@NotBlank @Size(max = 200) String> models) {}

    /** {@code {"semantic": true}}: every request of the key may be answered from the semantic cache. */
    record CacheSettingRequest(@NotNull Boolean semantic) {}

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "LoginRequest[" + username + ", password redacted]";
        }
    }

    record CreateUserRequest(
            @NotBlank
                    @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "must be 3-64 letters, digits, '.', '_' or '-'")
                    String username,
            @NotBlank @Size(min = 10, max = 200) String password,
            @NotNull WorkspaceRole role) {
        @Override
        public String toString() {
            return "CreateUserRequest[" + username + ", " + role + ", password redacted]";
        }
    }

    record GrantRoleRequest(@NotNull WorkspaceRole role) {}

    record ChangePasswordRequest(@NotBlank @Size(min = 10, max = 200) String password) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[password redacted]";
        }
    }

    record IssueAdminKeyRequest(@NotBlank @Size(max = 200) String name, @NotNull WorkspaceRole role) {}

    record UpdateChannelRequest(
            @Size(max = 2000) String baseUrl,
            List<@NotBlank @Size(max = 200) String> models,
            @Min(-1000) @Max(1000) Integer priority,
            @Min(1) @Max(10000) Integer weight) {}

    record RotateChannelSecretRequest(@NotBlank @Size(max = 4000) String apiKey) {
        @Override
        public String toString() {
            return "RotateChannelSecretRequest[secret redacted]";
        }
    }

    record AliasTargetRequest(
            @NotBlank @Size(max = 100) String channelId, @NotBlank @Size(max = 200) String upstreamModel) {}

    record DefineAliasRequest(@NotEmpty @Size(max = 50) List<@Valid AliasTargetRequest> targets) {}
}
