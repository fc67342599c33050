package io.lyss.security.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane), encoded as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that parameters can be raised later without breaking
 * stored hashes. Only the encoded hash ever leaves this class.
 */
public final class PasswordHasher {

    private static final Pattern ENCODED = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the user is unknown, so that timing does not tell whether a username exists. */
    private final String decoy;

    public PasswordHasher() {
        this(19_456, 2, 1);
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.decoy = hash("decoy-" + random.nextLong());
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Checks a password against an encoded hash in constant time; a null or malformed hash never matches. */
    public boolean matches(String password, String encodedHash) {
        if (password == null) {
            return false;
        }
        Matcher parts = ENCODED.matcher(encodedHash == null ? decoy : encodedHash);
        if (!parts.matches()) {
            parts = ENCODED.matcher(decoy);
            parts.matches();
            encodedHash = null;
        }
        byte[] expected = B64_DECODER.decode(parts.group(5));
        byte[] actual = derive(
                password,
                B64_DECODER.decode(parts.group(4)),
                Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)));
        return MessageDigest.isEqual(expected, actual) && encodedHash != null;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
