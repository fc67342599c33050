package io.lyss.security.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens handed out at login: {@code lyss-at-} + base64url(expiry seconds, user id) + {@code .} +
 * base64url(HMAC-SHA256). Stateless, so every command-side instance holding the signing key accepts them; they
 * carry no role, since roles are looked up on every call (a revoked role takes effect at once).
 */
public final class SessionTokens {

    public static final String PREFIX = "lyss-at-";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final byte[] signingKey;
    private final Duration lifetime;
    private final Clock clock;

    /** A token presented and recognised: whose it is and until when it holds. */
    public record Session(String userId, Instant expiresAt) {}

    /** A token just issued. */
    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expires " + expiresAt + "]";
        }
    }

    public SessionTokens(byte[] signingKey, Duration lifetime, Clock clock) {
        if (signingKey.length < 32) {
            throw new IllegalArgumentException("The session signing key must be at least 32 bytes");
        }
        this.signingKey = signingKey.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public IssuedToken issue(String userId) {
        Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        byte[] body = ByteBuffer.allocate(8 + user.length)
                .putLong(expiresAt.getEpochSecond())
                .put(user)
                .array();
        String encodedBody = B64.encodeToString(body);
        return new IssuedToken(PREFIX + encodedBody + "." + B64.encodeToString(sign(encodedBody)), expiresAt);
    }

    /** The session a token stands for, when it is well-formed, signed by us and not expired. */
    public Optional<Session> verify(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 1000) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            String encodedBody = rest.substring(0, dot);
            if (!MessageDigest.isEqual(sign(encodedBody), B64_DECODER.decode(rest.substring(dot + 1)))) {
                return Optional.empty();
            }
            ByteBuffer body = ByteBuffer.wrap(B64_DECODER.decode(encodedBody));
            Instant expiresAt = Instant.ofEpochSecond(body.getLong());
            byte[] user = new byte[body.remaining()];
            body.get(user);
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Session(new String(user, StandardCharsets.UTF_8), expiresAt));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String encodedBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(encodedBody.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
