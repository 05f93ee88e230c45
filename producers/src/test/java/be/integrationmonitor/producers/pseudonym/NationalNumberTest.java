package be.integrationmonitor.producers.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.pseudonym.NationalNumber;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NationalNumberTest {

    @Test
    void acceptsValidNumbersWithOrWithoutSeparators() {
        // 85.07.30-033.xx: check = 97 - (850730033 mod 97)
        String born1985 = "850730033" + String.format("%02d", 97 - 850730033L % 97);
        assertThat(NationalNumber.normalise(born1985)).contains(born1985);
        assertThat(NationalNumber.normalise("85.07.30-033." + born1985.substring(9))).contains(born1985);
        assertThat(NationalNumber.normalise("850730 033 " + born1985.substring(9))).contains(born1985);
    }

    @Test
    void acceptsTheVariantForPeopleBornIn2000OrLater() {
        long base = 40_121_5_007L; // 04.12.15-007
        String born2004 = String.format("%09d%02d", base, 97 - (2_000_000_000L + base) % 97);
        assertThat(NationalNumber.normalise(born2004)).contains(born2004);
        String withoutVariant = String.format("%09d%02d", base, 97 - base % 97);
        assertThat(withoutVariant).isNotEqualTo(born2004);
    }

    @Test
    void refusesWrongChecksLengthsAndCharacters() {
        String valid = "850730033" + String.format("%02d", 97 - 850730033L % 97);
        String wrongCheck = valid.substring(0, 9) + String.format("%02d", (Integer.parseInt(valid.substring(9)) + 1) % 100);
        assertThat(NationalNumber.normalise(wrongCheck)).isEmpty();
        assertThat(NationalNumber.normalise(valid.substring(1))).isEmpty();
        assertThat(NationalNumber.normalise(valid + "0")).isEmpty();
        assertThat(NationalNumber.normalise("8507300331a")).isEmpty();
        assertThat(NationalNumber.normalise(null)).isEmpty();
    }

    @Test
    void pseudonymsAreKeyedHmacsInBase64Url() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String otherKey = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());
        Pseudonymiser pseudonymiser = new Pseudonymiser(key);
        String ref = pseudonymiser.personRef("85073003328");
        assertThat(ref).hasSize(43).matches("[A-Za-z0-9_-]+").doesNotContain("85073003328");
        assertThat(pseudonymiser.personRef("85073003328")).isEqualTo(ref);
        assertThat(new Pseudonymiser(otherKey).personRef("85073003328")).isNotEqualTo(ref);
        assertThatThrownBy(() -> new Pseudonymiser(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("at least 32");
    }
}
