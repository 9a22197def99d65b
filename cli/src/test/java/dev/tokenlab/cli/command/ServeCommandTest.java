package dev.tokenlab.cli.command;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenlab serve} refuses what it must before it listens (the server itself is tested over a socket in
 * {@code server/}, and end to end by .ci/playground-check).
 */
class ServeCommandTest {
    @Test
    void anotherAddressNeedsATokenOrInsecure() {
        Cli.Result r = Cli.run("serve", "--host", "0.0.0.0", "--port", "0");
        assertEquals(2, r.exitCode());
        assertEquals("tokenlab: binding 0.0.0.0 exposes the API beyond this machine: give --token TOKEN (clients send"
                + " Authorization: Bearer TOKEN) or --insecure\n", r.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result body = Cli.run("serve", "--max-body", "0");
        assertEquals(2, body.exitCode());
        assertEquals("tokenlab: the body cap must be at least 1 byte, not 0\n", body.err());
        Cli.Result folder = Cli.run("serve", "--port", "0", "--allow-model-files", "no/such/folder");
        assertEquals(2, folder.exitCode());
        assertEquals("tokenlab: --allow-model-files: no folder no/such/folder\n", folder.err());
        Cli.Result model = Cli.run("serve", "--port", "0", "-m", "lama3");
        assertEquals(4, model.exitCode());
        assertTrue(model.err().contains("did you mean llama3"), model.err());
    }
}
