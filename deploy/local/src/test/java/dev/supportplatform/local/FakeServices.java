package dev.supportplatform.local;

import dev.supportplatform.local.service.ServiceModule;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A repository layout whose exec jars are a tiny HTTP server (test/resources/fake/FakeService.java). */
final class FakeServices {

    private FakeServices() {
    }

    static Path repository(Path root, List<ServiceModule> modules) throws IOException {
        Path build = Files.createDirectories(root.resolve("fake-build"));
        Path source = build.resolve("FakeService.java");
        try (InputStream in = FakeServices.class.getResourceAsStream("/fake/FakeService.java")) {
            Files.copy(in, source);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, "-d", build.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile the fake service");
        }
        Path jar = build.resolve("fake.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeService");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("FakeService.class"));
            out.write(Files.readAllBytes(build.resolve("FakeService.class")));
            out.closeEntry();
        }
        for (ServiceModule module : modules) {
            Path target = Files.createDirectories(root.resolve(module.name()).resolve("target"));
            Files.copy(jar, target.resolve(module.name() + "-exec.jar"));
        }
        return root;
    }
}
