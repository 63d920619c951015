package dev.supportplatform.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderTest {

    @Test
    void generatesSecretsOnceAndKeepsThemReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        DataFolder first = new DataFolder(dir);
        String secret = first.internalTokenSecret();
        String rootKey = first.rootApiKey(null);

        DataFolder again = new DataFolder(dir);
        assertThat(again.internalTokenSecret()).isEqualTo(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(again.rootApiKey(null)).isEqualTo(rootKey).startsWith("sp_root_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets/root-api-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aRootKeyGivenByTheUserWinsAndIsNotWrittenDown(@TempDir Path dir) {
        DataFolder data = new DataFolder(dir);

        assertThat(data.rootApiKey("typed-by-user")).isEqualTo("typed-by-user");
        assertThat(dir.resolve("secrets/root-api-key")).doesNotExist();
    }

    @Test
    void eachFolderHasItsOwnSecret(@TempDir Path one, @TempDir Path two) {
        assertThat(new DataFolder(one).internalTokenSecret()).isNotEqualTo(new DataFolder(two).internalTokenSecret());
    }
}
