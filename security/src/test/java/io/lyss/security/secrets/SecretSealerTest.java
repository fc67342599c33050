package io.lyss.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.governance.SealedSecret;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final String SECRET = "sk-provider-secret-0123456789";
    private final MasterKey masterKey = randomKey();
    private final SecretSealer sealer = new SecretSealer(masterKey);

    @Test
    void opensWhatItSealedForTheSameOwner() {
        SealedSecret sealed = sealer.seal(SECRET, "ch_1");
        assertThat(sealer.open(sealed, "ch_1")).isEqualTo(SECRET);
        assertThat(sealed.masterKeyId()).isEqualTo(masterKey.id());
    }

    @Test
    void sealedFormRevealsNothingOfTheSecret() {
        SealedSecret sealed = sealer.seal(SECRET, "ch_1");
        assertThat(sealed.toString()).doesNotContain(SECRET).doesNotContain("sk-provider");
        assertThat(sealer.seal(SECRET, "ch_1").ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void refusesAnotherOwnerATamperedCiphertextAndAnotherKey() {
        SealedSecret sealed = sealer.seal(SECRET, "ch_1");
        assertThatThrownBy(() -> sealer.open(sealed, "ch_2"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageNotContaining(SECRET);

        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 1;
        var tampered = new SealedSecret(
                sealed.masterKeyId(), sealed.nonce(), Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> sealer.open(tampered, "ch_1")).isInstanceOf(SecretUnavailableException.class);

        assertThatThrownBy(() -> new SecretSealer(randomKey()).open(sealed, "ch_1"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(masterKey.id());
    }

    @Test
    void rejectsMalformedMasterKeysWithoutEchoingThem() {
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ="))
                .hasMessageNotContaining("c2hvcnQ=")
                .hasMessageContaining("32 bytes");
        assertThat(masterKey.toString()).startsWith("MasterKey[mk-");
    }

    static MasterKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }
}
