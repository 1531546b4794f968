package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code bench/twingrad}, run by {@code sh} from another folder: arguments arrive as typed (spaces
 * too), and bad input still ends with one line and exit code 2. It runs a copy of the script beside a stand-in
 * {@code target/twingrad.jar} whose manifest points at the test classpath: under {@code mvn verify} the tests run
 * before the real jar is packaged.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private ChildJvm.Run launch(boolean withJar, String... args) throws IOException, InterruptedException {
        Path bench = Files.createDirectories(dir.resolve("bench/target")).getParent();
        Files.copy(Path.of("twingrad"), bench.resolve("twingrad"));
        if (withJar) {
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
            List<String> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toString());   // a folder's URI ends with '/', as Class-Path requires
            }
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
            try (OutputStream jar = new JarOutputStream(Files.newOutputStream(bench.resolve("target/twingrad.jar")), m)) {
                jar.flush();
            }
        }
        List<String> cmd = new ArrayList<>(List.of("sh", bench.resolve("twingrad").toString()));
        cmd.addAll(List.of(args));
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        int code = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start().waitFor();
        return new ChildJvm.Run(code, Files.readString(out), Files.readString(err));
    }

    @Test
    void passesArgumentsWithSpacesThroughAndKeepsExitCode2() throws IOException, InterruptedException {
        ChildJvm.Run r = launch(true, "train", "--bogus", "two words");
        assertEquals(2, r.code(), r.err());
        assertEquals("twingrad: Unknown options: '--bogus', 'two words' (see 'twingrad train --help')\n", r.errLines());
    }

    @Test
    void runsFromAnyFolderAndExitsWithTheCommandsCode() throws IOException, InterruptedException {
        ChildJvm.Run r = launch(true, "--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("twingrad 0.1.0\n", r.out());
    }

    @Test
    void aMissingJarIsOneLineNamingItAndExit2() throws IOException, InterruptedException {
        ChildJvm.Run r = launch(false, "train");
        assertEquals(2, r.code());
        assertEquals("twingrad: " + dir.toRealPath().resolve("bench/target/twingrad.jar")
                + " not found: build it first with mvn -B -q package -DskipTests\n", r.err());
    }
}
